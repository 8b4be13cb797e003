package dev.gyre.store.search;

import dev.gyre.core.error.GyreException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Splits a filter or order-by string into {@link Token}s; errors name the offending character and position. */
final class Tokenizer {
    private final String input;
    private final String what;
    private int pos;

    private Tokenizer(String input, String what) {
        this.input = input;
        this.what = what;
    }

    /**
     * @param what how error messages name the input, e.g. {@code filter} or {@code order_by clause}
     */
    static List<Token> tokenize(String input, String what) {
        return new Tokenizer(input, what).all();
    }

    private List<Token> all() {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            skipWhitespace();
            if (pos >= input.length()) {
                tokens.add(new Token(Token.Kind.EOF, "", "", pos));
                return tokens;
            }
            tokens.add(next(tokens.isEmpty() ? null : tokens.getLast()));
        }
    }

    private void skipWhitespace() {
        while (pos < input.length() && Character.isWhitespace(input.charAt(pos))) {
            pos++;
        }
    }

    private Token next(Token previous) {
        int start = pos;
        char c = input.charAt(pos);
        switch (c) {
            case '\'', '"', '`' -> {
                return quoted(c);
            }
            case '(' -> {
                pos++;
                return new Token(Token.Kind.LPAREN, "(", "(", start);
            }
            case ')' -> {
                pos++;
                return new Token(Token.Kind.RPAREN, ")", ")", start);
            }
            case ',' -> {
                pos++;
                return new Token(Token.Kind.COMMA, ",", ",", start);
            }
            case '=' -> {
                pos++;
                return new Token(Token.Kind.OPERATOR, "=", "=", start);
            }
            case '!' -> {
                if (peekChar(1) == '=') {
                    pos += 2;
                    return new Token(Token.Kind.OPERATOR, "!=", "!=", start);
                }
                throw error("unexpected character '!'", start);
            }
            case '<', '>' -> {
                pos++;
                if (peekChar(0) == '=') {
                    pos++;
                } else if (c == '<' && peekChar(0) == '>') {
                    pos++;
                    return new Token(Token.Kind.OPERATOR, "!=", "<>", start);
                }
                String op = input.substring(start, pos);
                return new Token(Token.Kind.OPERATOR, op, op, start);
            }
            default -> {}
        }
        boolean signedNumber = (c == '-' || c == '+')
                && (isDigit(peekChar(1)) || peekChar(1) == '.')
                && (previous == null
                        || previous.is(Token.Kind.OPERATOR)
                        || previous.is(Token.Kind.LPAREN)
                        || previous.is(Token.Kind.COMMA));
        if (isDigit(c) || signedNumber || (c == '.' && isDigit(peekChar(1)))) {
            return number();
        }
        if (c == '.') {
            pos++;
            return new Token(Token.Kind.DOT, ".", ".", start);
        }
        if (Character.isLetter(c) || c == '_') {
            return word();
        }
        throw error("unexpected character '" + c + "'", start);
    }

    private Token quoted(char quote) {
        int start = pos;
        pos++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= input.length()) {
                throw error("unterminated quoted text starting with " + quote, start);
            }
            char c = input.charAt(pos++);
            if (c == quote) {
                if (peekChar(0) == quote) { // SQL-style doubled quote inside a quoted text
                    sb.append(quote);
                    pos++;
                    continue;
                }
                break;
            }
            if (c == '\\' && pos < input.length() && input.charAt(pos) == quote) {
                sb.append(quote);
                pos++;
                continue;
            }
            sb.append(c);
        }
        Token.Kind kind =
                switch (quote) {
                    case '\'' -> Token.Kind.STRING;
                    case '"' -> Token.Kind.DQUOTED;
                    default -> Token.Kind.BACKTICK;
                };
        return new Token(kind, sb.toString(), input.substring(start, pos), start);
    }

    private Token number() {
        int start = pos;
        if (input.charAt(pos) == '-' || input.charAt(pos) == '+') {
            pos++;
        }
        while (isDigit(peekChar(0))) {
            pos++;
        }
        if (peekChar(0) == '.') {
            pos++;
            while (isDigit(peekChar(0))) {
                pos++;
            }
        }
        if (peekChar(0) == 'e' || peekChar(0) == 'E') {
            int save = pos;
            pos++;
            if (peekChar(0) == '-' || peekChar(0) == '+') {
                pos++;
            }
            if (!isDigit(peekChar(0))) {
                pos = save;
            }
            while (isDigit(peekChar(0))) {
                pos++;
            }
        }
        if (Character.isLetter(peekChar(0)) || peekChar(0) == '_') {
            while (pos < input.length() && isWordChar(input.charAt(pos))) {
                pos++;
            }
            throw error("invalid number '" + input.substring(start, pos) + "'", start);
        }
        String text = input.substring(start, pos);
        return new Token(Token.Kind.NUMBER, text, text, start);
    }

    private Token word() {
        int start = pos;
        while (pos < input.length() && (isWordChar(input.charAt(pos)) || input.charAt(pos) == '.')) {
            pos++;
        }
        String text = input.substring(start, pos);
        Token.Kind kind =
                switch (text.toUpperCase(Locale.ROOT)) {
                    case "AND" -> Token.Kind.AND;
                    case "OR" -> Token.Kind.OR;
                    case "NOT" -> Token.Kind.NOT;
                    case "LIKE" -> Token.Kind.LIKE;
                    case "ILIKE" -> Token.Kind.ILIKE;
                    case "IN" -> Token.Kind.IN;
                    case "IS" -> Token.Kind.IS;
                    case "NULL" -> Token.Kind.NULL;
                    default -> Token.Kind.WORD;
                };
        return new Token(kind, text, text, start);
    }

    private char peekChar(int ahead) {
        int i = pos + ahead;
        return i < input.length() ? input.charAt(i) : '\0';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private GyreException error(String problem, int at) {
        return GyreException.invalid("Invalid " + what + " '" + input + "': " + problem + " at position " + at);
    }
}
