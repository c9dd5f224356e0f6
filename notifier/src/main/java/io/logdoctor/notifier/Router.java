package io.logdoctor.notifier;

import io.logdoctor.records.Diagnosis;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Picks destinations for a diagnosis: routes in file order, the first match wins unless it says
 * {@code continue: true} (Alertmanager's rule, which SREs already know). A destination named by
 * several matching routes gets the diagnosis once.
 */
final class Router {

    private final List<Route> routes;

    Router(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    /** The destinations in route order, without repeats; empty when no route matches. */
    List<Destination> destinations(Diagnosis d) {
        Set<Destination> out = new LinkedHashSet<>();
        for (Route route : routes) {
            if (route.matches(d)) {
                out.addAll(route.to());
                if (!route.continueMatching()) {
                    break;
                }
            }
        }
        return new ArrayList<>(out);
    }
}
