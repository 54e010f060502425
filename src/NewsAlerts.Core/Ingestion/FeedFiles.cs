using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace NewsAlerts.Core.Ingestion;

/// <summary>What a file source's path names; only a regular file is read as a feed.</summary>
public enum FileKind
{
    Missing,
    Regular,
    Directory,
    Fifo,
    CharacterDevice,
    BlockDevice,
    Socket,
    Other,
}

/// <summary>
/// Tells a regular file from a FIFO, a device or a socket, which .NET's file APIs all report as ordinary files: opening
/// a FIFO waits for a writer forever, and a device such as <c>/dev/zero</c> never ends.
/// </summary>
/// <remarks>
/// The type comes from <c>statx(2)</c> on Linux and <c>stat(2)</c> on macOS, whose mode field sits at one offset on
/// every architecture of each system; symbolic links are followed, so a link to a device is a device. Written here
/// because the library for it (Mono.Unix) is only served as a 2021 pre-release. Elsewhere (Windows, which has no FIFOs
/// or devices in its file namespace) anything that is not a directory counts as a regular file.
/// </remarks>
public static partial class FeedFiles
{
    private const int TypeMask = 0xF000;

    public static FileKind KindOf(string path)
    {
        if (Directory.Exists(path))
        {
            return FileKind.Directory;
        }

        if (!File.Exists(path))
        {
            return FileKind.Missing;
        }

        var mode = Mode(path);
        return mode is null ? FileKind.Regular : (mode.Value & TypeMask) switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            0x1000 => FileKind.Fifo,
            0x2000 => FileKind.CharacterDevice,
            0x6000 => FileKind.BlockDevice,
            0xC000 => FileKind.Socket,
            _ => FileKind.Other,
        };
    }

    /// <summary>The kind in words, for error lines: "a FIFO (named pipe)".</summary>
    public static string Describe(FileKind kind) => kind switch
    {
        FileKind.Missing => "missing",
        FileKind.Regular => "a regular file",
        FileKind.Directory => "a directory",
        FileKind.Fifo => "a FIFO (named pipe)",
        FileKind.CharacterDevice => "a character device",
        FileKind.BlockDevice => "a block device",
        FileKind.Socket => "a socket",
        _ => "not a regular file",
    };

    /// <summary>The st_mode bits, or null where they cannot be read (another system, or the call failed).</summary>
    private static int? Mode(string path)
    {
        var buffer = new byte[256];
        if (OperatingSystem.IsLinux())
        {
            // struct statx: stx_mask, stx_blksize (u32), stx_attributes (u64), stx_nlink, stx_uid, stx_gid (u32), stx_mode (u16).
            const int AtCurrentDirectory = -100, StatxType = 0x1, ModeOffset = 28;
            return Statx(AtCurrentDirectory, path, 0, StatxType, buffer) == 0 ? BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(ModeOffset)) : null;
        }

        if (OperatingSystem.IsMacOS())
        {
            // struct stat (64-bit inodes): st_dev (i32), st_mode (u16).
            const int ModeOffset = 4;
            return Stat(path, buffer) == 0 ? BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(ModeOffset)) : null;
        }

        return null;
    }

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int directory, string path, int flags, uint mask, [Out] byte[] buffer);

    [LibraryImport("libc", EntryPoint = "stat", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Stat(string path, [Out] byte[] buffer);
}
