namespace Rlvr.Grains.Hosting;

/// <summary>
/// Places a grain on the silo its key names ("&lt;anything&gt;|&lt;silo&gt;|&lt;anything&gt;", the silo as
/// <see cref="SiloAddress.ToParsableString"/>), or on any silo when that one is gone.
/// </summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("rlvr.SiloKeyedPlacement")]
public sealed class SiloKeyedPlacement : PlacementStrategy
{
    public const char Separator = '|';

    public static string Key(string owner, SiloAddress silo, int lane) =>
        string.Join(Separator, owner, silo.ToParsableString(), lane.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The owner part of a <see cref="Key"/>.</summary>
    public static string Owner(string key) => key[..key.IndexOf(Separator, StringComparison.Ordinal)];

    public static SiloAddress? Silo(string key)
    {
        var parts = key.Split(Separator);
        return parts.Length == 3 ? SiloAddress.FromParsableString(parts[1]) : null;
    }
}
