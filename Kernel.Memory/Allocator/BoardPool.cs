using NfRt.Boards;

namespace NfRt.Memory
{
    /// <summary>
    /// The board's shared pool: the RAM region a <see cref="BoardProfile"/> sets aside
    /// (<see cref="BoardProfile.PoolBytes"/> cut into <see cref="BoardProfile.BlockSize"/> blocks).
    /// The Board assembly stays free of memory code; the pool is made from the board's data sheet
    /// at set-up, once per board, and every partition of that board is created on it.
    /// </summary>
    public static class BoardPool
    {
        /// <summary>
        /// Creates the block pool of <paramref name="board"/> from its profile: PoolBlocks blocks of
        /// BlockSize bytes, masking the board's interrupts as its critical section. A set-up call
        /// (it allocates the region); call it once per board and share the result.
        /// </summary>
        /// <exception cref="System.ArgumentException">The board is null, its profile describes no block, or the
        /// board's pool exists already (one board, one pool: share the first).</exception>
        /// <param name="board">The board whose profile sizes the pool (not null).</param>
        /// <returns>The new pool of PoolBytes / BlockSize blocks.</returns>
        public static BlockPool For(Board board)
        {
            if (board == null) throw new System.ArgumentNullException("board");
            if (board.Profile.PoolBytes < board.Profile.BlockSize) throw new System.ArgumentException("board: its profile's pool holds no block", "board");
            if (!board.ClaimPoolRegion()) throw new System.ArgumentException("board: its pool was created already; create it once and share it", "board");
            return new BlockPool(board, board.Profile.PoolBytes, board.Profile.BlockSize);
        }
    }
}
