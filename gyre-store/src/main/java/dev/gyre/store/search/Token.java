package dev.gyre.store.search;

/**
 * One lexical token of a filter or order-by string. {@code text} is the unquoted content for quoted tokens;
 * {@code position} is the 0-based offset in the input, used in error messages.
 */
record Token(Kind kind, String text, String raw, int position) {

    enum Kind {
        /** A bare word such as {@code metrics.acc} or {@code status}; may contain dots. */
        WORD,
        /** {@code 'single quoted'}: a string value (or, as MLflow allows, a quoted key). */
        STRING,
        /** {@code "double quoted"}: a quoted key or a string value. */
        DQUOTED,
        /** {@code `backticked`}: a quoted key or entity name. */
        BACKTICK,
        NUMBER,
        /** One of {@code = != <> < > <= >=}. */
        OPERATOR,
        LPAREN,
        RPAREN,
        COMMA,
        DOT,
        AND,
        OR,
        NOT,
        LIKE,
        ILIKE,
        IN,
        IS,
        NULL,
        EOF
    }

    boolean is(Kind k) {
        return kind == k;
    }

    boolean isQuoted() {
        return kind == Kind.STRING || kind == Kind.DQUOTED || kind == Kind.BACKTICK;
    }

    /** The token as the user wrote it, for error messages. */
    String shown() {
        return kind == Kind.EOF ? "end of input" : "'" + raw + "'";
    }
}
