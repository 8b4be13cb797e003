package dev.gyre.store.search;

import dev.gyre.core.error.GyreException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * A recursive-descent parser for MLflow's search filters and order-by clauses. The grammar:
 *
 * <pre>
 * filter      := comparison ( AND comparison )* EOF
 * comparison  := identifier comparator value
 * identifier  := [ entity '.' ] key          -- entity/key bare, `backticked` or "quoted"
 * comparator  := = | != | &lt;&gt; | &lt; | &gt; | &lt;= | &gt;= | LIKE | ILIKE | IN | NOT IN | IS NULL | IS NOT NULL
 * value       := NUMBER | 'string' | "string" | '(' string ( ',' string )* ')'
 * order_by    := identifier [ ASC | DESC ] EOF
 * </pre>
 *
 * <p>Only AND joins comparisons: MLflow rejects OR, and so does this parser. Each comparison is then checked
 * against the {@link SearchTarget}'s entities, attribute keys and comparators, with MLflow's messages.
 */
public final class SearchParser {
    private final List<Token> tokens;
    private final String input;
    private final SearchTarget target;
    private int index;

    private SearchParser(String input, String what, SearchTarget target) {
        this.input = input;
        this.target = target;
        this.tokens = Tokenizer.tokenize(input, what);
    }

    /** Parses a filter; null or blank means no filter (an empty list). */
    public static List<Comparison> parseFilter(String filter, SearchTarget target) {
        if (filter == null || filter.isBlank()) {
            return List.of();
        }
        return new SearchParser(filter, "filter", target).filter();
    }

    /** Parses one order-by clause such as {@code metrics.acc DESC}. */
    public static OrderBy parseOrderBy(String clause, SearchTarget target) {
        if (clause == null || clause.isBlank()) {
            throw GyreException.invalid("Invalid order_by clause '" + clause + "'. Could not be parsed.");
        }
        return new SearchParser(clause, "order_by clause", target).orderBy();
    }

    public static List<OrderBy> parseOrderBy(List<String> clauses, SearchTarget target) {
        if (clauses == null) {
            return List.of();
        }
        return clauses.stream().map(c -> parseOrderBy(c, target)).toList();
    }

    // ---- filter ---------------------------------------------------------------------------------------------

    private List<Comparison> filter() {
        List<Comparison> result = new ArrayList<>();
        result.add(comparison());
        while (true) {
            Token t = peek();
            if (t.is(Token.Kind.EOF)) {
                return result;
            }
            if (t.is(Token.Kind.AND)) {
                advance();
                result.add(comparison());
            } else if (t.is(Token.Kind.OR)) {
                throw GyreException.invalid("Invalid clause(s) in filter string: '" + t.raw() + "'. Only AND is"
                        + " supported to combine comparisons in filter '" + input + "'");
            } else {
                throw syntax("expected AND or the end of the filter", t);
            }
        }
    }

    private Comparison comparison() {
        Token start = peek();
        Identifier id = identifier();
        EntityType type = target.entity(id.entity());
        String key = type == EntityType.ATTRIBUTE ? target.searchableAttribute(id.key()) : id.key();
        if (type == EntityType.DATASET && !Set.of("name", "digest", "context").contains(key)) {
            throw GyreException.invalid(
                    "Invalid dataset key '" + key + "' specified. Valid keys are '['context', 'digest', 'name']'");
        }
        Token opToken = peek();
        Comparator comparator = comparator();
        SearchValue value = value(comparator, type, key);
        Set<Comparator> allowed = target.comparators(type, key);
        if (!allowed.contains(comparator)) {
            Set<String> shown = new TreeSet<>();
            allowed.forEach(c -> shown.add(c.symbol()));
            throw GyreException.invalid("Invalid comparator '" + opToken.raw() + "' not one of '" + shown + "' for "
                    + describe(type, key) + " (near position " + start.position() + ")");
        }
        return new Comparison(type, key, comparator, value);
    }

    private Comparator comparator() {
        Token t = advance();
        return switch (t.kind()) {
            case OPERATOR -> Comparator.fromOperator(t.text());
            case LIKE -> Comparator.LIKE;
            case ILIKE -> Comparator.ILIKE;
            case IN -> Comparator.IN;
            case NOT -> {
                Token next = advance();
                if (next.is(Token.Kind.IN)) {
                    yield Comparator.NOT_IN;
                }
                throw syntax("expected IN after NOT", next);
            }
            case IS -> {
                Token next = advance();
                if (next.is(Token.Kind.NULL)) {
                    yield Comparator.IS_NULL;
                }
                if (next.is(Token.Kind.NOT) && peek().is(Token.Kind.NULL)) {
                    advance();
                    yield Comparator.IS_NOT_NULL;
                }
                throw syntax("expected NULL or NOT NULL after IS", next);
            }
            default -> throw syntax("expected a comparison operator (=, !=, <, >, <=, >=, LIKE, ILIKE, IN, NOT IN)", t);
        };
    }

    private SearchValue value(Comparator comparator, EntityType type, String key) {
        if (comparator == Comparator.IS_NULL || comparator == Comparator.IS_NOT_NULL) {
            return new SearchValue.None();
        }
        Token t = peek();
        if (comparator == Comparator.IN || comparator == Comparator.NOT_IN) {
            if (!target.supportsList(type, key)) {
                throw GyreException.invalid("Invalid comparator '" + comparator.symbol() + "' for "
                        + describe(type, key) + ": only string attributes and datasets support comparison with a"
                        + " list of quoted string values.");
            }
            return list();
        }
        if (t.is(Token.Kind.LPAREN)) {
            throw syntax("a parenthesised list is only allowed after IN or NOT IN", t);
        }
        advance();
        boolean numeric = type == EntityType.METRIC || (type == EntityType.ATTRIBUTE && target.isNumericAttribute(key));
        if (numeric) {
            if (!t.is(Token.Kind.NUMBER)) {
                if (t.is(Token.Kind.EOF)) {
                    throw syntax("expected a value", t);
                }
                throw GyreException.invalid(
                        type == EntityType.METRIC
                                ? "Expected numeric value type for metric. Found " + t.raw()
                                : "Expected numeric value type for numeric attribute: " + key + ". Found " + t.raw());
            }
            return new SearchValue.Number(t.text());
        }
        if (t.is(Token.Kind.STRING) || t.is(Token.Kind.DQUOTED)) {
            return new SearchValue.Text(t.text());
        }
        if (t.is(Token.Kind.EOF)) {
            throw syntax("expected a value", t);
        }
        throw GyreException.invalid(
                switch (type) {
                    case PARAM, TAG ->
                        "Expected a quoted string value for " + type.mlflowName() + " (e.g. 'my-value'). Got value "
                                + t.raw();
                    case DATASET -> "Expected a quoted string value for dataset attributes. Got value " + t.raw();
                    default -> "Expected a quoted string value for attributes. Got value " + t.raw();
                });
    }

    private SearchValue list() {
        Token open = advance();
        if (!open.is(Token.Kind.LPAREN)) {
            throw syntax("expected '(' to start a list of quoted strings", open);
        }
        List<String> values = new ArrayList<>();
        while (true) {
            Token t = advance();
            if (t.is(Token.Kind.RPAREN) && values.isEmpty()) {
                throw GyreException.invalid("While parsing a list in the query, expected a non-empty list of"
                        + " string values, but got empty list");
            }
            if (!(t.is(Token.Kind.STRING) || t.is(Token.Kind.DQUOTED))) {
                throw syntax("expected a quoted string in the list", t);
            }
            values.add(t.text());
            Token sep = advance();
            if (sep.is(Token.Kind.RPAREN)) {
                return new SearchValue.TextList(values);
            }
            if (!sep.is(Token.Kind.COMMA)) {
                throw syntax("expected ',' or ')' in the list", sep);
            }
        }
    }

    // ---- order by -------------------------------------------------------------------------------------------

    private OrderBy orderBy() {
        Identifier id;
        try {
            id = identifier();
        } catch (GyreException e) {
            throw GyreException.invalid("Invalid order_by clause '" + input + "'. Could not be parsed.");
        }
        EntityType type = target.entity(id.entity());
        if (!target.orderableEntity(type)) {
            throw GyreException.invalid("Invalid order_by entity: " + type.mlflowName());
        }
        String key = type == EntityType.ATTRIBUTE ? target.orderableAttribute(id.key()) : id.key();
        boolean ascending = true;
        Token t = advance();
        if (t.is(Token.Kind.WORD)) {
            String dir = t.text().toLowerCase(Locale.ROOT);
            if (!dir.equals("asc") && !dir.equals("desc")) {
                throw GyreException.invalid("Invalid ordering key in order_by clause '" + input + "'.");
            }
            ascending = dir.equals("asc");
            t = advance();
        }
        if (!t.is(Token.Kind.EOF)) {
            throw GyreException.invalid("Invalid order_by clause '" + input + "'. Could not be parsed.");
        }
        return new OrderBy(type, key, ascending);
    }

    // ---- identifiers ----------------------------------------------------------------------------------------

    /** {@code entity} is null for an unqualified key. */
    private record Identifier(String entity, String key) {}

    private Identifier identifier() {
        Token t = advance();
        switch (t.kind()) {
            case WORD -> {
                int dot = t.text().indexOf('.');
                if (dot < 0) {
                    return new Identifier(null, t.text());
                }
                String entity = t.text().substring(0, dot);
                String key = t.text().substring(dot + 1);
                if (key.isEmpty()) {
                    Token k = advance();
                    if (!k.isQuoted()) {
                        throw syntax("expected a key after '" + t.text() + "'", k);
                    }
                    key = k.text();
                }
                return new Identifier(entity, key);
            }
            case BACKTICK, DQUOTED, STRING -> {
                if (peek().is(Token.Kind.DOT) && t.is(Token.Kind.BACKTICK)) {
                    advance();
                    Token k = advance();
                    if (!(k.is(Token.Kind.WORD) || k.isQuoted())) {
                        throw syntax("expected a key after '" + t.raw() + ".'", k);
                    }
                    return new Identifier(t.text(), k.text());
                }
                return new Identifier(null, t.text());
            }
            default ->
                throw syntax(
                        "expected an identifier such as metrics.<key>, params.<key>, tags.<key> or"
                                + " attributes.<key>",
                        t);
        }
    }

    private static String describe(EntityType type, String key) {
        return type.mlflowName() + " '" + key + "'";
    }

    // ---- token stream ---------------------------------------------------------------------------------------

    private Token peek() {
        return tokens.get(index);
    }

    private Token advance() {
        Token t = tokens.get(index);
        if (!t.is(Token.Kind.EOF)) {
            index++;
        }
        return t;
    }

    private GyreException syntax(String expected, Token found) {
        return GyreException.invalid("Invalid filter '" + input + "': " + expected + ", but found " + found.shown()
                + " at position " + found.position());
    }
}
