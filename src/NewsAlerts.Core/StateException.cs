namespace NewsAlerts.Core;

/// <summary>
/// The state NewsAlerts keeps (its database, its unsubscribe key) cannot be used or cannot be trusted. The message is
/// one line naming the file and saying what to do; nothing is done with state in doubt.
/// </summary>
public sealed class StateException(string message, Exception? innerException = null) : Exception(message, innerException);
