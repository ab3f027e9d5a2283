package dev.edgetpunas.sim.profile.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.edgetpunas.sim.profile.ProfileException;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a YAML or JSON profile document into a Jackson tree and records the line and column of every
 * key (Jackson's tree API drops them). Rejects duplicate keys and multi-document YAML; malformed input
 * gives the parser's line and column.
 *
 * <pre>{@code
 * LocatedTree t = TreeReader.read(text, "big-array.yaml", false);
 * }</pre>
 */
public final class TreeReader {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final YAMLFactory YAML = new YAMLFactory();
    private static final JsonFactory JSON = new JsonFactory();
    private static final Pattern MARK = Pattern.compile("line (\\d+), column (\\d+)");

    private TreeReader() {}

    /**
     * Parses {@code text}.
     *
     * @param file the file name for messages and origins
     * @param json true for JSON, false for YAML
     * @throws ProfileException for malformed input, duplicate keys, or a document that is not a mapping
     */
    public static LocatedTree read(String text, String file, boolean json) {
        Map<String, Origin> origins = new HashMap<>();
        try (JsonParser p = (json ? JSON : YAML).createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new ProfileException(file, "", 1, 1,
                        "must be a mapping that starts with schemaVersion: 1, but the file is empty");
            }
            if (first != JsonToken.START_OBJECT) {
                JsonLocation l = p.currentTokenLocation();
                throw new ProfileException(file, "", l.getLineNr(), l.getColumnNr(),
                        "must be a mapping of keys (schemaVersion, accelerator, ...), but was " + describeToken(p, first));
            }
            origins.put("", new Origin(file, 1, 1));
            ObjectNode root = readObject(p, "", file, origins);
            JsonToken extra = p.nextToken();
            if (extra != null) {
                JsonLocation l = p.currentTokenLocation();
                throw new ProfileException(file, "", l.getLineNr(), l.getColumnNr(),
                        "must hold one document, but a second one starts here");
            }
            return new LocatedTree(file, root, origins);
        } catch (JsonProcessingException e) {
            throw malformed(e, file, json);
        } catch (IOException e) {
            throw new ProfileException(file, "", 0, 0, "cannot read: " + e.getMessage());
        }
    }

    private static ObjectNode readObject(JsonParser p, String path, String file, Map<String, Origin> origins) throws IOException {
        ObjectNode node = NODES.objectNode();
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonLocation l = p.currentTokenLocation();
            String childPath = path.isEmpty() ? key : path + "." + key;
            if (node.has(key)) {
                Origin first = origins.get(childPath);
                throw new ProfileException(file, childPath, l.getLineNr(), l.getColumnNr(),
                        "must appear once, but is repeated (first at line " + (first == null ? "?" : first.line()) + ")");
            }
            origins.put(childPath, new Origin(file, l.getLineNr(), l.getColumnNr()));
            node.set(key, readValue(p, p.nextToken(), childPath, file, origins));
        }
        if (t != JsonToken.END_OBJECT) throw new IllegalStateException("unexpected token " + t + " in a mapping");
        return node;
    }

    private static JsonNode readValue(JsonParser p, JsonToken t, String path, String file, Map<String, Origin> origins) throws IOException {
        switch (t) {
            case START_OBJECT:
                return readObject(p, path, file, origins);
            case START_ARRAY: {
                ArrayNode a = NODES.arrayNode();
                int i = 0;
                JsonToken e;
                while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
                    String itemPath = path + "[" + i++ + "]";
                    JsonLocation l = p.currentTokenLocation();
                    origins.put(itemPath, new Origin(file, l.getLineNr(), l.getColumnNr()));
                    a.add(readValue(p, e, itemPath, file, origins));
                }
                return a;
            }
            case VALUE_STRING:
                return NODES.textNode(p.getText());
            case VALUE_NUMBER_INT:
                switch (p.getNumberType()) {
                    case INT: return NODES.numberNode(p.getIntValue());
                    case LONG: return NODES.numberNode(p.getLongValue());
                    default: return NODES.numberNode(p.getBigIntegerValue());
                }
            case VALUE_NUMBER_FLOAT:
                return NODES.numberNode(p.getDoubleValue());
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            default: {
                JsonLocation l = p.currentTokenLocation();
                throw new ProfileException(file, path, l.getLineNr(), l.getColumnNr(),
                        "must be a plain value, mapping or list, but was " + t);
            }
        }
    }

    private static String describeToken(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_ARRAY: return "a list";
            case VALUE_STRING: return "\"" + p.getText() + "\" (a string)";
            case VALUE_NULL: return "empty (null)";
            default: return p.getText();
        }
    }

    /**
     * The parser's own message, reduced to one line, at the parser's own location. SnakeYAML's messages
     * read "CONTEXT in 'reader', line L, column C: ... PROBLEM in 'reader', line L, column C: ..."; the
     * problem line and its mark are the precise part.
     */
    static ProfileException malformed(JsonProcessingException e, String file, boolean json) {
        String original = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
        int column = e.getLocation() == null ? 0 : e.getLocation().getColumnNr();
        String problem = original.lines().findFirst().orElse(original).trim();
        if (!json) {
            String[] lines = original.split("\n");
            int lastMark = -1;
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].trim().startsWith("in '") && MARK.matcher(lines[i]).find()) lastMark = i;
            }
            if (lastMark >= 0) {
                Matcher m = MARK.matcher(lines[lastMark]);
                if (m.find()) {
                    line = Integer.parseInt(m.group(1));
                    column = Integer.parseInt(m.group(2));
                }
                if (lastMark > 0 && !lines[lastMark - 1].trim().isEmpty() && !lines[lastMark - 1].trim().equals("^")) {
                    problem = lines[lastMark - 1].trim();
                }
                if (lines.length > 0 && lastMark > 1 && !lines[0].trim().equals(problem)) {
                    problem = problem + " (" + lines[0].trim() + ")";
                }
            }
        } else {
            int at = problem.indexOf(" at [Source");
            if (at > 0) problem = problem.substring(0, at);
        }
        ProfileException pe = new ProfileException(file, "", line, column, "malformed " + (json ? "JSON" : "YAML") + ": " + problem);
        pe.initCause(e);
        return pe;
    }
}
