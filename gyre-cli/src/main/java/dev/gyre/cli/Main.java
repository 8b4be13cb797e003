package dev.gyre.cli;

/** Entry point of the {@code gyre} command. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.out.println("gyre 0.1.0-SNAPSHOT");
    }
}
