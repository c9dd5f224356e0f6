package io.logdoctor.cli;

import java.util.Locale;

/**
 * One setting, declared once: its name (the long flag's name without {@code --}, the config file's key,
 * and {@code LOGDOCTOR_} + the name in upper case with {@code _} in the environment), its type, its default
 * and what it does. {@code defaultText} is the default as a user would type it, read through the type, so a
 * default is checked like any value; null when the default is computed at start (the host name) or there is
 * none, and then {@code defaultDoc} says it as the docs table does. {@code docs} is the file whose settings
 * table lists it ({@code SettingsDocsTest} holds the two together).
 */
record Setting<T>(String name, Kind<T> kind, String defaultText, String defaultDoc, String doc, String docs) {

    Setting {
        if (!name.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            throw new IllegalArgumentException("setting name " + name + " is not lower-case words joined by '-'");
        }
        if (defaultText != null) {
            kind.parse(defaultText); // a default that does not parse is a bug of the declaration: fail at class init
        }
    }

    static <T> Setting<T> of(String name, Kind<T> kind, String defaultText, String doc, String docs) {
        return new Setting<>(name, kind, defaultText, null, doc, docs);
    }

    /** The same setting with a default computed at start (or none), stated in the docs as {@code text}. */
    Setting<T> defaultDescribedAs(String text) {
        return new Setting<>(name, kind, null, text, doc, docs);
    }

    /** The typed default, or null when it is computed at start or there is none. */
    T defaultValue() {
        return defaultText == null ? null : kind.parse(defaultText);
    }

    String flag() {
        return "--" + name;
    }

    String envName() {
        return Settings.ENV_PREFIX + name.toUpperCase(Locale.ROOT).replace('-', '_');
    }
}
