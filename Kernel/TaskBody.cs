namespace NfRt.Kernel
{
    /// <summary>The code of a task: a plain method that may call blocking kernel APIs.</summary>
    public delegate void TaskBody();
}
