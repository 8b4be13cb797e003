package dev.gyre.store.sql;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Random run names such as {@code brave-owl-417}, as MLflow gives runs created without a name. */
final class RunNames {
    private static final List<String> ADJECTIVES = List.of("able", "agile", "amazing", "ample", "bold", "brave",
            "bright", "calm", "capable", "charming", "clean", "clever", "crisp", "dapper", "daring", "eager",
            "easy", "fast", "fearless", "fun", "gentle", "glamorous", "grand", "honest", "intrepid", "judicious",
            "kind", "likeable", "lucky", "merciful", "nimble", "polite", "quick", "quiet", "rare", "resilient",
            "sassy", "secretive", "sincere", "skillful", "smiling", "stately", "sweet", "thoughtful", "tranquil",
            "unique", "upbeat", "valuable", "vaunted", "wise", "witty", "zealous");
    private static final List<String> NOUNS = List.of("ant", "ape", "asp", "auk", "bass", "bat", "bear", "bee",
            "bird", "boar", "bug", "calf", "carp", "cat", "chimp", "cod", "colt", "crab", "crane", "cow", "croc",
            "deer", "doe", "dog", "dolphin", "donkey", "dove", "duck", "eel", "elk", "fawn", "finch", "fish",
            "flea", "fly", "foal", "fowl", "fox", "frog", "gnat", "gnu", "goat", "goose", "grub", "gull", "hare",
            "hawk", "hen", "hog", "horse", "hound", "jay", "kit", "koi", "lamb", "lark", "loon", "lynx", "mare",
            "midge", "mink", "mole", "moose", "moth", "mouse", "mule", "newt", "owl", "ox", "panda", "penguin",
            "perch", "pig", "pug", "quail", "ram", "rat", "ray", "robin", "roo", "rook", "seal", "shad", "shark",
            "sheep", "shoat", "shrew", "shrike", "shrimp", "skink", "skunk", "sloth", "slug", "smelt", "snail",
            "snake", "snipe", "sow", "sponge", "squid", "squirrel", "stag", "steed", "stoat", "stork", "swan",
            "tern", "toad", "trout", "turtle", "vole", "wasp", "whale", "wolf", "worm", "wren", "yak", "zebra");

    private RunNames() {}

    static String random() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return ADJECTIVES.get(r.nextInt(ADJECTIVES.size())) + "-" + NOUNS.get(r.nextInt(NOUNS.size())) + "-"
                + r.nextInt(1000);
    }
}
