namespace NfRt.Timing;

/// <summary>
/// Reads a task-set file (docs/spec/timing.md §4) into a <see cref="TaskSet"/>, or refuses it with a
/// <see cref="TaskSetFormatException"/> naming the JSON path, line and column of the first fault and
/// what is wrong (§4.5): invalid JSON, an unknown or duplicate key, a missing required key, a value of
/// the wrong type, a number that is negative, fractional or too large, then the checks of
/// <see cref="TaskSetValidator"/> (undeclared resource, a resource locked inside itself, a lock-order
/// cycle between tasks, a ceiling less urgent than a user, …). Reading never writes anything.
/// </summary>
public static class TaskSetReader
{
    /// <summary>Reads the file at <paramref name="path"/>. An unreadable file is refused like a bad one (path <c>$</c>, line 0).</summary>
    public static TaskSet ReadFile(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            string why = e is FileNotFoundException or DirectoryNotFoundException ? "no such file"
                : e is UnauthorizedAccessException ? "permission denied" : e.Message;
            throw new TaskSetFormatException(path, new TaskSetProblem(new SourcePosition("$", 0, 0), "cannot read the file: " + why));
        }
        return Parse(bytes, path, Path.GetFileNameWithoutExtension(path));
    }

    /// <summary>Reads JSON text; <paramref name="source"/> names it in messages and gives the default set name.</summary>
    public static TaskSet Parse(string json, string source = "taskset") =>
        Parse(System.Text.Encoding.UTF8.GetBytes(json ?? throw new ArgumentNullException(nameof(json))), source, source);

    /// <summary>Reads UTF-8 JSON; <paramref name="defaultName"/> is the set's name when the file gives none.</summary>
    public static TaskSet Parse(ReadOnlySpan<byte> utf8, string source, string defaultName)
    {
        var root = JsonTree.Parse(utf8, source);
        var r = new Walker(source);
        var set = r.ReadSet(root, string.IsNullOrEmpty(defaultName) ? "taskset" : defaultName);
        var problems = TaskSetValidator.Problems(set);
        if (problems.Count > 0) throw new TaskSetFormatException(source, problems[0]);
        return set;
    }

    /// <summary>The keys each kind of object may have (anything else is refused as unknown).</summary>
    private static readonly string[] SetKeys = { "name", "resources", "tasks" };
    private static readonly string[] ResourceKeys = { "name", "protocol", "ceiling" };
    private static readonly string[] TaskKeys = { "name", "priority", "period", "deadline", "offset", "jitter", "overrun", "body" };

    private sealed class Walker
    {
        private readonly string _source;

        public Walker(string source) => _source = source;

        public TaskSet ReadSet(JsonTree root, string defaultName)
        {
            Expect(root, JsonKind.Object, "a task set (an object with \"tasks\")");
            Known(root, SetKeys);
            string name = root.Member("name") is { } n ? Name(n) : defaultName;
            var resources = new List<ResourceSpec>();
            if (root.Member("resources") is { } rs)
            {
                Expect(rs, JsonKind.Array, "an array of resources");
                foreach (var item in rs.Items) resources.Add(ReadResource(item));
            }
            var tasksNode = Required(root, "tasks");
            Expect(tasksNode, JsonKind.Array, "an array of tasks");
            if (tasksNode.Items.Count == 0) throw Fail(tasksNode.Position, "a task set needs at least one task");
            if (tasksNode.Items.Count > TaskSetLimits.MaxTasks) throw Fail(tasksNode.Position, $"at most {TaskSetLimits.MaxTasks} tasks");
            if (resources.Count > TaskSetLimits.MaxResources) throw Fail(root.Member("resources").Position, $"at most {TaskSetLimits.MaxResources} resources");
            var tasks = new List<TaskSpec>();
            foreach (var item in tasksNode.Items) tasks.Add(ReadTask(item));
            return new TaskSet(name, resources, tasks);
        }

        private ResourceSpec ReadResource(JsonTree node)
        {
            Expect(node, JsonKind.Object, "a resource ({\"name\": ..., \"protocol\": ...})");
            Known(node, ResourceKeys);
            string name = Name(Required(node, "name"));
            var p = Required(node, "protocol");
            Expect(p, JsonKind.String, "\"inherit\", \"ceiling\" or \"plain\"");
            LockProtocol protocol = p.Text switch
            {
                "inherit" => LockProtocol.Inherit,
                "ceiling" => LockProtocol.Ceiling,
                "plain" => LockProtocol.Plain,
                _ => throw Fail(p.Position, $"unknown protocol \"{p.Text}\": expected \"inherit\", \"ceiling\" or \"plain\""),
            };
            int? ceiling = null;
            if (node.Member("ceiling") is { } c)
            {
                if (protocol != LockProtocol.Ceiling) throw Fail(c.Position, $"\"ceiling\" applies only to protocol \"ceiling\", not \"{p.Text}\"");
                long v = Integer(c);
                if (v > TaskSetLimits.MaxPriority) throw Fail(c.Position, $"ceiling {v} is outside 0..{TaskSetLimits.MaxPriority}");
                ceiling = (int)v;
            }
            return new ResourceSpec(name, protocol, ceiling, node.Position);
        }

        private TaskSpec ReadTask(JsonTree node)
        {
            Expect(node, JsonKind.Object, "a task (an object with \"name\", \"priority\", \"period\", \"body\")");
            Known(node, TaskKeys);
            string name = Name(Required(node, "name"));
            var prioNode = Required(node, "priority");
            long priority = Integer(prioNode);
            if (priority > TaskSetLimits.MaxPriority) throw Fail(prioNode.Position, $"priority {priority} is outside 0..{TaskSetLimits.MaxPriority}");
            var periodNode = Required(node, "period");
            long period = Integer(periodNode);
            if (period < 1) throw Fail(periodNode.Position, "period must be at least 1");
            long? deadline = null;
            if (node.Member("deadline") is { } d)
            {
                deadline = Integer(d);
                if (deadline < 1) throw Fail(d.Position, "deadline must be at least 1");
            }
            long offset = node.Member("offset") is { } o ? Integer(o) : 0;
            long jitter = node.Member("jitter") is { } j ? Integer(j) : 0;
            var overrun = OverrunPolicy.Skip;
            if (node.Member("overrun") is { } ov)
            {
                Expect(ov, JsonKind.String, "\"skip\" or \"catchup\"");
                overrun = ov.Text switch
                {
                    "skip" => OverrunPolicy.Skip,
                    "catchup" => OverrunPolicy.CatchUp,
                    _ => throw Fail(ov.Position, $"unknown overrun policy \"{ov.Text}\": expected \"skip\" or \"catchup\""),
                };
            }
            var body = ReadBody(Required(node, "body"));
            return new TaskSpec(name, (int)priority, period, body, deadline, offset, jitter, overrun, node.Position);
        }

        private List<Segment> ReadBody(JsonTree node)
        {
            Expect(node, JsonKind.Array, "a body (an array of {\"compute\": n} and {\"lock\": R, \"body\": [...]})");
            var list = new List<Segment>();
            foreach (var item in node.Items) list.Add(ReadSegment(item));
            return list;
        }

        private Segment ReadSegment(JsonTree node)
        {
            Expect(node, JsonKind.Object, "a step: {\"compute\": n} or {\"lock\": R, \"body\": [...]}");
            var compute = node.Member("compute");
            var lockNode = node.Member("lock");
            if (compute != null && lockNode != null) throw Fail(node.Position, "a step is either {\"compute\": n} or {\"lock\": R, \"body\": [...]}, not both");
            if (compute != null)
            {
                Known(node, "compute");
                return new ComputeSegment(Integer(compute), node.Position);
            }
            if (lockNode != null)
            {
                Known(node, "lock", "body");
                Expect(lockNode, JsonKind.String, "the name of a declared resource");
                var body = ReadBody(Required(node, "body"));
                return new LockSegment(lockNode.Text, body, node.Position);
            }
            if (node.Members.Count > 0) Known(node, "compute", "lock", "body");
            throw Fail(node.Position, "a step needs \"compute\" or \"lock\"");
        }

        private string Name(JsonTree node)
        {
            Expect(node, JsonKind.String, "a name (a string)");
            string why = TaskSetLimits.NameProblem(node.Text);
            if (why != null) throw Fail(node.Position, why);
            return node.Text;
        }

        /// <summary>A non-negative integer written without fraction or exponent, at most <see cref="TaskSetLimits.MaxNumber"/>.</summary>
        private long Integer(JsonTree node)
        {
            Expect(node, JsonKind.Number, "an integer");
            string t = node.Text;
            bool negative = t.StartsWith('-');
            string digits = negative ? t[1..] : t;
            if (digits.Length == 0 || !digits.All(char.IsAsciiDigit)) throw Fail(node.Position, $"{t} is not an integer (ticks and priorities are whole numbers)");
            if (negative) throw Fail(node.Position, $"{t} must not be negative");
            if (digits.Length > 12 || long.Parse(digits, System.Globalization.CultureInfo.InvariantCulture) > TaskSetLimits.MaxNumber)
                throw Fail(node.Position, $"{t} is larger than {TaskSetLimits.MaxNumber}");
            return long.Parse(digits, System.Globalization.CultureInfo.InvariantCulture);
        }

        private JsonTree Required(JsonTree obj, string key) =>
            obj.Member(key) ?? throw Fail(new SourcePosition(obj.Position.JsonPath + "." + key, obj.Position.Line, obj.Position.Column),
                $"missing required key \"{key}\" (in the object starting at line {obj.Position.Line})");

        private void Known(JsonTree obj, params string[] keys)
        {
            foreach (var m in obj.Members)
                if (Array.IndexOf(keys, m.Key) < 0)
                    throw Fail(m.KeyPosition, $"unknown key \"{m.Key}\" (expected one of: {string.Join(", ", keys.Select(k => "\"" + k + "\""))})");
        }

        private void Expect(JsonTree node, JsonKind kind, string what)
        {
            if (node.Kind != kind) throw Fail(node.Position, $"expected {what}, found {node.KindName}");
        }

        private TaskSetFormatException Fail(SourcePosition at, string message) => new(_source, new TaskSetProblem(at, message));
    }
}
