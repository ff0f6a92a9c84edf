namespace NfRt.Boards
{
    /// <summary>Makes the gates of one board's kernel (see <see cref="Board.UseGates"/>).</summary>
    public interface ITaskGateFactory
    {
        /// <summary>A new, closed gate.</summary>
        TaskGate NewGate();
    }
}
