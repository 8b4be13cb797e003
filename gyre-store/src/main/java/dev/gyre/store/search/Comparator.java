package dev.gyre.store.search;

/** The comparison operators of MLflow's filter grammar (plus {@code IS [NOT] NULL}). */
public enum Comparator {
    EQ("="),
    NE("!="),
    LT("<"),
    GT(">"),
    LE("<="),
    GE(">="),
    LIKE("LIKE"),
    ILIKE("ILIKE"),
    IN("IN"),
    NOT_IN("NOT IN"),
    IS_NULL("IS NULL"),
    IS_NOT_NULL("IS NOT NULL");

    private final String symbol;

    Comparator(String symbol) {
        this.symbol = symbol;
    }

    /** The operator as written in a filter, and as SQL writes it. */
    public String symbol() {
        return symbol;
    }

    static Comparator fromOperator(String op) {
        return switch (op) {
            case "=" -> EQ;
            case "!=" -> NE;
            case "<" -> LT;
            case ">" -> GT;
            case "<=" -> LE;
            case ">=" -> GE;
            default -> throw new IllegalArgumentException(op);
        };
    }
}
