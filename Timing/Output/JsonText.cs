using System.Text;
using System.Text.Json;

namespace NfRt.Timing;

/// <summary>
/// The shape of the <c>--json</c> texts of <c>analyze</c>, <c>simulate</c> and <c>campaign</c>: indented, LF line ends,
/// a final newline. The caller writes the document into the writer it is given.
/// </summary>
public static class JsonText
{
    /// <summary>Runs <paramref name="write"/> on a fresh writer and returns what it wrote, with a final newline.</summary>
    public static string Write(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, NewLine = "\n" }))
            write(w);
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }
}
