package dev.fulcrum.core.request;

import dev.fulcrum.spi.FieldError;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionEndEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.DocumentStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.ReaderException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.JacksonYAMLParseException;
import tools.jackson.dataformat.yaml.YAMLAnchorReplayingFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Parses one request (YAML, or JSON, which is YAML) into a tree, within bounds, so that hostile
 * input fails fast with a clear error instead of exhausting memory.
 *
 * <ul>
 *   <li>size: at most {@value #MAX_INPUT_BYTES} bytes of UTF-8, checked before parsing;
 *   <li>exactly one YAML document;
 *   <li>at most {@value #MAX_ALIASES} aliases ({@code *name}), so an alias bomb ("billion laughs")
 *       is refused as soon as its aliases are seen; the aliases that are allowed are expanded;
 *   <li>nesting at most {@value #MAX_NESTING_DEPTH} levels deep;
 *   <li>no duplicate keys (Jackson's strict duplicate detection).
 * </ul>
 *
 * <p>A first pass over SnakeYAML's event stream counts documents, aliases and depth, stopping at the
 * first excess; then Jackson reads the tree. SnakeYAML's own alias limit
 * ({@code LoadSettings.maxAliasesForCollections}) and duplicate-key check live in its Composer and
 * Constructor, which Jackson's YAML parser does not use, so they would not apply here. The depth is
 * counted in the first pass because SnakeYAML's scanner slows down quadratically with deep flow
 * nesting (a megabyte of {@code [} takes minutes); Jackson's own depth limit
 * ({@link StreamReadConstraints}) still bounds what expanded aliases nest.
 *
 * <p>Errors never quote input values, only line and column (and at most a key name or one character
 * of YAML syntax): a syntax error near a pasted secret must not repeat it.
 */
public final class BoundedYamlReader {
  /** The largest request accepted, in bytes: 1 MiB. */
  public static final int MAX_INPUT_BYTES = 1024 * 1024;

  /** The most aliases a request may use. */
  static final int MAX_ALIASES = 16;

  /** The deepest nesting a request may have, counting the top-level object as 1. */
  static final int MAX_NESTING_DEPTH = 32;

  private static final char BYTE_ORDER_MARK = '\uFEFF';

  // What the one document is, for messages: "send exactly one WorkloadCluster".
  private final String kind;

  // One settings object for both passes, so the check and the tree read the same YAML the same way.
  private final LoadSettings loadSettings = LoadSettings.builder().build();
  private final ObjectMapper mapper =
      YAMLMapper.builder(
              YAMLAnchorReplayingFactory.builder()
                  .loadSettings(loadSettings)
                  .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
                  .build())
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  /** A reader of WorkloadCluster requests. */
  BoundedYamlReader() {
    this("WorkloadCluster");
  }

  /**
   * @param kind the kind of the one document expected, for messages
   */
  public BoundedYamlReader(String kind) {
    this.kind = kind;
  }

  /**
   * @return the request's tree
   * @throws InvalidRequestException if the input is too large, not UTF-8, not YAML, or out of bounds
   */
  public JsonNode read(byte[] input) {
    if (input.length > MAX_INPUT_BYTES) {
      throw invalid(
          FieldPaths.DOCUMENT,
          "the request is " + input.length + " bytes; at most " + MAX_INPUT_BYTES + " bytes (1 MiB) are accepted");
    }
    String text = utf8(input);
    checkShape(text);
    try {
      return mapper.readTree(text);
    } catch (StreamConstraintsException tooLarge) {
      // Nesting depth, or an alias whose expansion is too large; the message names the limit.
      throw invalid(FieldPaths.DOCUMENT, "exceeds a reading limit: " + tooLarge.getOriginalMessage());
    } catch (JacksonYAMLParseException syntax) {
      // The syntax check above reports these with their cause; this message would quote the input.
      throw invalid(FieldPaths.DOCUMENT, "is not valid YAML" + where(syntax));
    } catch (JacksonException unreadable) {
      throw invalid(pathOf(unreadable), describe(unreadable));
    }
  }

  private static String utf8(byte[] input) {
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(input))
              .toString();
      return !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK ? text.substring(1) : text;
    } catch (CharacterCodingException notUtf8) {
      throw invalid(FieldPaths.DOCUMENT, "is not valid UTF-8 text; send the request as UTF-8 YAML or JSON");
    }
  }

  /**
   * Reads a stream of YAML documents (Kubernetes manifests, say) within the same bounds, except that
   * any number of documents is allowed; empty documents are skipped.
   *
   * @param text the documents
   * @return the documents' trees, in order
   * @throws InvalidRequestException if the text is too large, not YAML, or out of bounds
   */
  public List<JsonNode> readDocuments(String text) {
    int bytes = text.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_INPUT_BYTES) {
      throw invalid(
          FieldPaths.DOCUMENT, "is " + bytes + " bytes; at most " + MAX_INPUT_BYTES + " bytes (1 MiB) are accepted");
    }
    checkShape(text, false);
    List<JsonNode> documents = new ArrayList<>();
    try (MappingIterator<JsonNode> values = mapper.readerFor(JsonNode.class).readValues(text)) {
      while (values.hasNextValue()) {
        JsonNode document = values.nextValue();
        if (document != null && !document.isNull() && !document.isMissingNode()) {
          documents.add(document);
        }
      }
    } catch (StreamConstraintsException tooLarge) {
      throw invalid(FieldPaths.DOCUMENT, "exceeds a reading limit: " + tooLarge.getOriginalMessage());
    } catch (JacksonYAMLParseException syntax) {
      throw invalid(FieldPaths.DOCUMENT, "is not valid YAML" + where(syntax));
    } catch (JacksonException unreadable) {
      throw invalid(pathOf(unreadable), describe(unreadable));
    }
    return documents;
  }

  private void checkShape(String text) {
    checkShape(text, true);
  }

  private void checkShape(String text, boolean oneDocument) {
    int documents = 0;
    int aliases = 0;
    int depth = 0;
    try {
      for (Event event : new Parse(loadSettings).parseString(text)) {
        if (event instanceof CollectionStartEvent && ++depth > MAX_NESTING_DEPTH) {
          throw invalid(
              FieldPaths.DOCUMENT,
              "nests deeper than " + MAX_NESTING_DEPTH + " levels (at line " + line(event.getStartMark()) + ")");
        }
        if (event instanceof CollectionEndEvent) {
          depth--;
        }
        if (event instanceof DocumentStartEvent && ++documents > 1 && oneDocument) {
          throw invalid(
              FieldPaths.DOCUMENT,
              "holds more than one YAML document (a second one starts at line " + line(event.getStartMark()) + ");"
                  + " send exactly one " + kind);
        }
        if (event instanceof AliasEvent && ++aliases > MAX_ALIASES) {
          throw invalid(
              FieldPaths.DOCUMENT,
              "uses more than " + MAX_ALIASES + " YAML aliases (*name); alias " + aliases + " is at line "
                  + line(event.getStartMark()) + ". Write the repeated values out instead");
        }
      }
    } catch (MarkedYamlEngineException syntax) {
      String where =
          syntax
              .getProblemMark()
              .map(mark -> " at line " + line(mark) + ", column " + (mark.getColumn() + 1))
              .orElse("");
      throw invalid(FieldPaths.DOCUMENT, "is not valid YAML" + where + ": " + syntax.getProblem());
    } catch (ReaderException unprintable) {
      throw invalid(
          FieldPaths.DOCUMENT,
          String.format(
              "holds a character YAML does not allow, U+%04X, at character %d; remove it",
              unprintable.getCodePoint(), unprintable.getPosition() + 1));
    } catch (YamlEngineException unreadable) {
      throw invalid(FieldPaths.DOCUMENT, "is not valid YAML");
    }
    if (documents == 0 && oneDocument) {
      throw invalid(FieldPaths.DOCUMENT, "is empty; expected one " + kind);
    }
  }

  private static String line(Optional<Mark> mark) {
    return mark.map(BoundedYamlReader::line).orElse("?");
  }

  private static String line(Mark mark) {
    return String.valueOf(mark.getLine() + 1);
  }

  /** The request path where Jackson stopped, e.g. the duplicate key's. */
  private static String pathOf(JacksonException exception) {
    if (!(exception.processor() instanceof JsonParser parser)) {
      return FieldPaths.DOCUMENT;
    }
    Deque<TokenStreamContext> contexts = new ArrayDeque<>();
    TokenStreamContext context = parser.streamReadContext();
    for (; context != null && !context.inRoot(); context = context.getParent()) {
      contexts.push(context);
    }
    String path = "";
    for (TokenStreamContext level : contexts) {
      if (level.inArray()) {
        path = FieldPaths.index(path, Math.max(level.getCurrentIndex(), 0));
      } else if (level.currentName() != null) {
        path = FieldPaths.field(path, level.currentName());
      }
    }
    return path.isEmpty() ? FieldPaths.DOCUMENT : path;
  }

  // Jackson's own message for what its YAML reading refuses after the syntax check (a duplicate
  // key, an alias to an unknown or unfinished anchor); its location suffix, which can quote the
  // input, is left out.
  private static String describe(JacksonException exception) {
    return "cannot be read: " + exception.getOriginalMessage() + where(exception);
  }

  private static String where(JacksonException exception) {
    TokenStreamLocation location = exception.getLocation();
    return location == null || location.getLineNr() < 0 ? "" : " (line " + location.getLineNr() + ")";
  }

  private static InvalidRequestException invalid(String path, String message) {
    return new InvalidRequestException(List.of(new FieldError(path, message)));
  }
}
