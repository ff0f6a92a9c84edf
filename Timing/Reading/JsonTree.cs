using System.Text;
using System.Text.Json;

namespace NfRt.Timing;

/// <summary>The kinds of <see cref="JsonTree"/> node.</summary>
internal enum JsonKind { Object, Array, String, Number, True, False, Null }

/// <summary>
/// A JSON value with the place it was written: its JSON path and 1-based line and column.
/// System.Text.Json's DOM types do not keep positions, so the task-set reader builds this small tree
/// with <see cref="Utf8JsonReader"/> (token start offsets turned into lines and columns). Object
/// members keep file order; a duplicate key is refused while parsing.
/// </summary>
internal sealed class JsonTree
{
    public JsonKind Kind;
    public SourcePosition Position;
    /// <summary>String value, or the number exactly as written.</summary>
    public string Text;
    public readonly List<(string Key, JsonTree Value, SourcePosition KeyPosition)> Members = new();
    public readonly List<JsonTree> Items = new();

    /// <summary>The member named <paramref name="key"/>, or null.</summary>
    public JsonTree Member(string key)
    {
        foreach (var m in Members) if (m.Key == key) return m.Value;
        return null;
    }

    /// <summary>"an object", "a string", ... for messages.</summary>
    public string KindName => Kind switch
    {
        JsonKind.Object => "an object",
        JsonKind.Array => "an array",
        JsonKind.String => "a string",
        JsonKind.Number => "a number",
        JsonKind.True or JsonKind.False => "a boolean",
        _ => "null",
    };

    /// <summary>Deepest nesting the parser accepts.</summary>
    public const int MaxDepth = 64;

    /// <summary>
    /// Parses <paramref name="utf8"/> (a UTF-8 byte-order mark is skipped). Strict JSON: no comments,
    /// no trailing commas, one value. Throws <see cref="TaskSetFormatException"/> with the position of
    /// a syntax error or a duplicate key.
    /// </summary>
    public static JsonTree Parse(ReadOnlySpan<byte> utf8, string source)
    {
        if (utf8.Length >= 3 && utf8[0] == 0xEF && utf8[1] == 0xBB && utf8[2] == 0xBF) utf8 = utf8[3..];
        var lines = new LineMap(utf8);
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, AllowTrailingCommas = false, MaxDepth = MaxDepth });
        var stack = new Stack<JsonTree>();
        var pendingKey = new Stack<(string Key, SourcePosition At)>();
        JsonTree root = null;
        string currentPath = "$";
        try
        {
            while (reader.Read())
            {
                var (line, column) = lines.Position(reader.TokenStartIndex);
                if (reader.TokenType == JsonTokenType.PropertyName)
                {
                    var parent = stack.Peek();
                    string key = reader.GetString();
                    string path = PathOf(parent.Position.JsonPath, key);
                    foreach (var m in parent.Members)
                        if (m.Key == key)
                            throw new TaskSetFormatException(source, new TaskSetProblem(new SourcePosition(path, line, column),
                                $"duplicate key \"{key}\" (first at line {m.KeyPosition.Line})"));
                    pendingKey.Push((key, new SourcePosition(path, line, column)));
                    currentPath = path;
                    continue;
                }
                if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
                {
                    var done = stack.Pop();
                    currentPath = stack.Count > 0 ? stack.Peek().Position.JsonPath : "$";
                    if (stack.Count == 0) root = done;
                    continue;
                }
                string here;
                JsonTree owner = stack.Count > 0 ? stack.Peek() : null;
                (string Key, SourcePosition At) keyed = default;
                if (owner == null) here = "$";
                else if (owner.Kind == JsonKind.Object) { keyed = pendingKey.Pop(); here = keyed.At.JsonPath; }
                else here = $"{owner.Position.JsonPath}[{owner.Items.Count}]";
                currentPath = here;
                var node = new JsonTree { Position = new SourcePosition(here, line, column) };
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject: node.Kind = JsonKind.Object; break;
                    case JsonTokenType.StartArray: node.Kind = JsonKind.Array; break;
                    case JsonTokenType.String: node.Kind = JsonKind.String; node.Text = reader.GetString(); break;
                    case JsonTokenType.Number: node.Kind = JsonKind.Number; node.Text = Encoding.UTF8.GetString(reader.ValueSpan); break;
                    case JsonTokenType.True: node.Kind = JsonKind.True; break;
                    case JsonTokenType.False: node.Kind = JsonKind.False; break;
                    default: node.Kind = JsonKind.Null; break;
                }
                if (owner == null) root = node;
                else if (owner.Kind == JsonKind.Object) owner.Members.Add((keyed.Key, node, keyed.At));
                else owner.Items.Add(node);
                if (node.Kind is JsonKind.Object or JsonKind.Array) stack.Push(node);
            }
        }
        catch (JsonException e)
        {
            int line = (int)(e.LineNumber ?? 0) + 1, column = (int)(e.BytePositionInLine ?? 0) + 1;
            throw new TaskSetFormatException(source, new TaskSetProblem(new SourcePosition(currentPath, line, column), "not valid JSON: " + Clean(e.Message)));
        }
        if (root == null) throw new TaskSetFormatException(source, new TaskSetProblem(new SourcePosition("$", 1, 1), "not valid JSON: the file is empty"));
        return root;
    }

    private static string PathOf(string parent, string key)
    {
        foreach (char c in key)
            if (!(char.IsLetterOrDigit(c) || c == '_')) return $"{parent}[\"{key.Replace("\\", "\\\\").Replace("\"", "\\\"")}\"]";
        return key.Length == 0 ? $"{parent}[\"\"]" : $"{parent}.{key}";
    }

    /// <summary>System.Text.Json's message without its own "LineNumber: … | BytePositionInLine: …" tail (the position is printed in front) and without advice about reader options.</summary>
    private static string Clean(string message)
    {
        int i = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        string m = (i > 0 ? message[..i] : message).TrimEnd();
        int advice = m.IndexOf(" Change the reader options", StringComparison.Ordinal);   // advice for programmers, not for the file's author
        return advice > 0 ? m[..advice] : m;
    }

    /// <summary>Byte offset → 1-based line and column (columns count characters, not bytes).</summary>
    private sealed class LineMap
    {
        private readonly List<int> _starts = new() { 0 };
        private readonly byte[] _text;

        public LineMap(ReadOnlySpan<byte> utf8)
        {
            _text = utf8.ToArray();
            for (int i = 0; i < _text.Length; i++) if (_text[i] == (byte)'\n') _starts.Add(i + 1);
        }

        public (int Line, int Column) Position(long offset)
        {
            int index = _starts.BinarySearch((int)offset);
            if (index < 0) index = ~index - 1;
            int column = 1;
            for (int i = _starts[index]; i < offset; i++) if ((_text[i] & 0xC0) != 0x80) column++;
            return (index + 1, column);
        }
    }
}
