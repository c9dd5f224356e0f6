package io.logdoctor.benchmarks.mining;

import io.logdoctor.patterns.mining.Assignment;
import io.logdoctor.patterns.mining.TemplateMiner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prints the miner's grouping accuracy on each Loghub 2k set and the average, as the BENCHMARKS.md
 * table. Usage: {@code LoghubAccuracy <loghub dir> [depth similarity]}. Each line's group is the
 * template it ends in after the whole file was mined (its cluster, and its own words where the cluster has
 * seen only a few; see {@link Assignment}), as Loghub's benchmark labels them.
 */
public final class LoghubAccuracy {

    private LoghubAccuracy() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "../shared/corpora/loghub");
        TemplateMiner.Settings settings = TemplateMiner.Settings.DEFAULT;
        if (args.length > 2) {
            settings = new TemplateMiner.Settings(Integer.parseInt(args[1]), Double.parseDouble(args[2]),
                    settings.maxChildren(), settings.maxClusters());
        }
        double sum = 0;
        System.out.println("| set | GA | templates (truth) | clusters |");
        System.out.println("|---|---:|---:|---:|");
        for (String name : LoghubSet.NAMES) {
            LoghubSet set = LoghubSet.read(dir, name);
            TemplateMiner miner = new TemplateMiner(settings);
            List<String> groups = groups(miner, set.contents());
            double ga = GroupingAccuracy.of(groups, set.events());
            sum += ga;
            System.out.printf(Locale.ROOT, "| %s | %.3f | %d | %d |%n", name, ga,
                    set.events().stream().distinct().count(), groups.stream().distinct().count());
        }
        System.out.printf(Locale.ROOT, "| **average** | **%.3f** | | |%n", sum / LoghubSet.NAMES.size());
    }

    /** Each line's final group: its cluster's id and the text of its {@link Assignment}. */
    public static List<String> groups(TemplateMiner miner, List<String> lines) {
        List<Assignment> taken = new ArrayList<>(lines.size());
        for (String line : lines) {
            taken.add(miner.assign(line));
        }
        List<String> groups = new ArrayList<>(taken.size());
        for (Assignment a : taken) {
            groups.add(a.template().id() + " " + a.text());
        }
        return groups;
    }
}
