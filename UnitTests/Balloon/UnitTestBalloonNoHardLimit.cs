using System.Reflection;
using NfRt.Memory;

namespace UnitTests.Balloon;

/// <summary>
/// The seed's patch removed the balloon's "hard limit". Proven structurally: no field of any type
/// in Kernel.Memory (public or not, static or instance, compiler-generated included) is named like
/// a limit, so there is nowhere to remember "the most we ever got".
/// </summary>
public class UnitTestBalloonNoHardLimit
{
    private static readonly string[] Forbidden = { "limit", "hard" };

    private static List<string> Offenders(Assembly asm)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var bad = new List<string>();
        foreach (var t in asm.GetTypes())
        {
            foreach (var f in t.GetFields(all))
                if (Forbidden.Any(w => f.Name.Contains(w, StringComparison.OrdinalIgnoreCase))) bad.Add(t.FullName + "." + f.Name);
            foreach (var p in t.GetProperties(all))
                if (Forbidden.Any(w => p.Name.Contains(w, StringComparison.OrdinalIgnoreCase))) bad.Add(t.FullName + "." + p.Name);
        }
        return bad;
    }

    [Fact]
    public void Balloon_no_hard_limit_state_exists_anywhere_in_Kernel_Memory()
    {
        var asm = typeof(BalloonService).Assembly;
        Assert.Equal("NfRt.Kernel.Memory", asm.GetName().Name);
        Assert.True(asm.GetTypes().Length >= 8);
        Assert.Empty(Offenders(asm));
    }

    /// <summary>What the old driver kept: the check must flag it.</summary>
    private sealed class OldDriver
    {
        public int HardLimit = -1;
        private int _limitReached = 0;
        public int Touch() => _limitReached + HardLimit;
    }

    [Fact]
    public void Balloon_no_hard_limit_check_would_catch_one()
    {
        Assert.Equal(-1, new OldDriver().Touch());
        var bad = Offenders(typeof(OldDriver).Assembly);
        Assert.Contains(bad, b => b.EndsWith("OldDriver.HardLimit"));
        Assert.Contains(bad, b => b.EndsWith("OldDriver._limitReached"));
    }
}
