namespace NfRt.Boards
{
    /// <summary>Makes the gates of one board's kernel (see <see cref="Board.UseGates"/>).</summary>
    public interface ITaskGateFactory
    {
        /// <summary>A new, closed gate.</summary>
        /// <returns>The new gate, closed: its first <see cref="TaskGate.Wait()"/> blocks until it is opened.</returns>
        TaskGate NewGate();
    }
}
