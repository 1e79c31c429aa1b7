using System.Text.Json;
using Rlvr.Training.Verifiers;

namespace Rlvr.Training.Tasks;

/// <summary>
/// Reads a user dataset: one JSON object per line with string fields prompt, answer, distribution,
/// verifier and an optional id. Other fields are ignored; blank lines are skipped.
/// </summary>
public static class JsonlDataset
{
    /// <summary>Parses UTF-8 JSON lines; <paramref name="source"/> names the dataset in errors.</summary>
    public static DatasetRecords Read(byte[] content, string source, VerifierRegistry verifiers)
    {
        using var reader = new StreamReader(new MemoryStream(content, writable: false));
        return Read(reader, source, verifiers);
    }

    public static DatasetRecords Read(TextReader reader, string source, VerifierRegistry verifiers)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(verifiers);
        var prompts = new List<TaskPrompt>();
        var errors = new List<DatasetLineError>();
        var firstLineOfId = new Dictionary<string, (int Line, TaskPrompt Prompt)>(StringComparer.Ordinal);
        // Ids name records, not truths: two records that ask the same prompt of the same distribution must agree on its
        // answer whatever their ids, or the verifier would reward one of them for a wrong answer.
        var firstLineOfPrompt = new Dictionary<(string Distribution, string Text), (int Line, TaskPrompt Prompt)>();
        var lineNumber = 0;
        var repeats = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            try
            {
                var prompt = ParseLine(line, source, lineNumber, verifiers);
                if (firstLineOfId.TryGetValue(prompt.Id, out var first))
                {
                    // A repeated record (same id, prompt, answer, distribution and verifier) is the same prompt: kept once.
                    if (first.Prompt != prompt)
                    {
                        errors.Add(Conflict(lineNumber, first.Line, first.Prompt, prompt));
                    }
                    repeats++;
                    continue;
                }
                firstLineOfId[prompt.Id] = (lineNumber, prompt);
                if (firstLineOfPrompt.TryGetValue((prompt.Distribution, prompt.Text), out var asked))
                {
                    if (asked.Prompt.Answer != prompt.Answer)
                    {
                        errors.Add(Contradiction(lineNumber, asked.Line, asked.Prompt, prompt));
                        continue;
                    }
                }
                else
                {
                    firstLineOfPrompt[(prompt.Distribution, prompt.Text)] = (lineNumber, prompt);
                }
                prompts.Add(prompt);
            }
            catch (DatasetException e)
            {
                errors.AddRange(e.Errors);
            }
        }
        if (errors.Count > 0)
        {
            throw new DatasetException(source, errors);
        }
        if (prompts.Count == 0)
        {
            throw new DatasetException(source, lineNumber, null, "the dataset has no records");
        }
        return new DatasetRecords(prompts, repeats);
    }

    /// <summary>Two records under one id (given, or derived from the distribution and prompt) that differ.</summary>
    private static DatasetLineError Conflict(int line, int firstLine, TaskPrompt first, TaskPrompt again)
    {
        var derived = again.Id == TaskPrompt.MakeId(again.Distribution, again.Text);
        var differences = string.Join(", ", new[]
        {
            first.Text == again.Text ? null : "prompt",
            first.Answer == again.Answer ? null : $"answer '{first.Answer}' there, '{again.Answer}' here",
            first.Distribution == again.Distribution ? null : "distribution",
            first.Verifier == again.Verifier ? null : $"verifier '{first.Verifier}' there, '{again.Verifier}' here",
        }.Where(d => d is not null));
        return new DatasetLineError(line, derived ? (first.Answer != again.Answer ? "answer" : "verifier") : "id",
            $"{(derived ? "the same prompt and distribution" : $"the same id '{again.Id}'")} as line {firstLine}, but {differences}");
    }

    /// <summary>Two records under different ids that ask the same prompt of the same distribution with different answers.</summary>
    private static DatasetLineError Contradiction(int line, int firstLine, TaskPrompt first, TaskPrompt again) =>
        new(line, "answer", $"the same prompt and distribution as line {firstLine} (id '{first.Id}'; here '{again.Id}'), " +
            $"but answer '{first.Answer}' there, '{again.Answer}' here");

    private static TaskPrompt ParseLine(string line, string source, int lineNumber, VerifierRegistry verifiers)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            throw new DatasetException(source, lineNumber, null, JsonLineError.Describe(e, line));
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new DatasetException(source, lineNumber, null, $"expected a JSON object, got {root.ValueKind}");
            }
            var text = RequiredString(root, "prompt", source, lineNumber);
            var answer = RequiredString(root, "answer", source, lineNumber);
            var distribution = RequiredString(root, "distribution", source, lineNumber);
            var verifierName = RequiredString(root, "verifier", source, lineNumber);
            if (!verifiers.TryGet(verifierName, out var verifier))
            {
                throw new DatasetException(source, lineNumber, "verifier",
                    $"unknown verifier '{verifierName}'; known: {string.Join(", ", verifiers.Names)}");
            }
            if (verifier.CheckReference(answer) is { } problem)
            {
                throw new DatasetException(source, lineNumber, "answer", $"{problem} (verifier '{verifierName}')");
            }
            var id = root.TryGetProperty("id", out _)
                ? RequiredString(root, "id", source, lineNumber)
                : TaskPrompt.MakeId(distribution, text);
            return new TaskPrompt(id, distribution, text, answer, verifierName);
        }
    }

    private static string RequiredString(JsonElement root, string field, string source, int lineNumber)
    {
        if (!root.TryGetProperty(field, out var value))
        {
            throw new DatasetException(source, lineNumber, field, "missing");
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            throw new DatasetException(source, lineNumber, field, $"must be a string, got {value.ValueKind}");
        }
        var text = value.GetString()!;
        if (text.Length == 0)
        {
            throw new DatasetException(source, lineNumber, field, "must not be empty");
        }
        return text;
    }
}
