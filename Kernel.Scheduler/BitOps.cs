namespace NfRt.Scheduling
{
    /// <summary>Bit helpers for the ready-queue bitmap (no BitOperations on nanoFramework).</summary>
    internal static class BitOps
    {
        /// <summary>The de Bruijn sequence's multiplier: (x &amp; -x) * DeBruijnWord &gt;&gt; 27 indexes <see cref="DeBruijn"/>.</summary>
        internal const uint DeBruijnWord = 0x077CB531u;

        /// <summary>Bit index by the top five bits of the isolated bit times <see cref="DeBruijnWord"/> (ReadyQueue.Peek reads it directly).</summary>
        internal static readonly int[] DeBruijn = new int[32]
        {
            0, 1, 28, 2, 29, 14, 24, 3, 30, 22, 20, 15, 25, 17, 4, 8,
            31, 27, 13, 23, 21, 19, 16, 7, 26, 12, 18, 6, 11, 5, 10, 9
        };

        /// <summary>Index of the lowest set bit of a non-zero word, in O(1) (de Bruijn multiply).</summary>
        public static int LowestSetBit(uint x)
        {
            uint isolated = x & (uint)-(int)x;
            return DeBruijn[(int)((isolated * DeBruijnWord) >> 27)];
        }
    }
}
