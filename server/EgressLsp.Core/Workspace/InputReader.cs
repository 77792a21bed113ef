using System.Runtime.InteropServices;
using System.Text;

namespace EgressLsp.Core.Workspace;

public enum InputProblemKind
{
    NotFound,
    DanglingLink,
    LinkLoop,
    Directory,

    /// <summary>A device, a named pipe (FIFO) or a socket: refused before it is opened (opening a FIFO blocks).</summary>
    NotRegularFile,
    PermissionDenied,
    TooLarge,

    /// <summary>NUL characters: binary data, or UTF-16/UTF-32 without a byte-order mark.</summary>
    NotText,
    ReadError,
}

/// <summary>Why an input could not be read, in one English line (no path: callers say which input).</summary>
public sealed record InputProblem(InputProblemKind Kind, string Message);

/// <summary>The text of an input, or the problem that kept it from being read.</summary>
public readonly record struct InputRead(string? Text, InputProblem? Problem)
{
    public static InputRead Failed(InputProblemKind kind, string message) => new(null, new InputProblem(kind, message));
}

/// <summary>
/// The one way the CLI and the language server read a manifest: regular files only (the file type is checked with
/// stat before opening, following symbolic links: <c>Length</c> is 0 for <c>/dev/zero</c> and a FIFO would block the
/// open), at most <c>maxBytes</c> read (reading stops at the limit + 1 byte, whatever the size claims), decoded as
/// UTF-8 unless a byte-order mark says UTF-16/32 (invalid bytes become U+FFFD), and refused when the text holds NUL
/// characters, which YAML forbids and which mark binary data or UTF-16 without a byte-order mark.
/// </summary>
public static class InputReader
{
    /// <summary>
    /// The default limit of one input: well above hand-written or generated policy files (a 10 MB policy is read),
    /// and small enough that a file within it stays within the YAML budgets' memory.
    /// </summary>
    public const long DefaultMaxBytes = 16 * 1024 * 1024;

    private const int ChunkSize = 64 * 1024;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    public static InputRead ReadFile(string path, long maxBytes)
    {
        if (FileType.Check(path) is { } problem)
        {
            return new InputRead(null, problem);
        }
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1, FileOptions.SequentialScan);
            return ReadStream(stream, maxBytes);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return InputRead.Failed(InputProblemKind.NotFound, "no such file or directory");
        }
        catch (UnauthorizedAccessException)
        {
            return InputRead.Failed(InputProblemKind.PermissionDenied, "permission denied");
        }
        catch (IOException e)
        {
            // On Unix the HResult of an I/O error is its errno; its message would repeat the full path.
            return InputRead.Failed(InputProblemKind.ReadError, e.HResult is > 0 and < 4096 ? Marshal.GetPInvokeErrorMessage(e.HResult) : e.Message);
        }
    }

    /// <summary>Reads a byte stream (a file, standard input) up to <paramref name="maxBytes"/>; I/O errors propagate.</summary>
    public static InputRead ReadStream(Stream stream, long maxBytes)
    {
        var content = new MemoryStream();
        var chunk = new byte[ChunkSize];
        int read;
        while ((read = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, maxBytes + 1 - content.Length))) > 0)
        {
            content.Write(chunk, 0, read);
            if (content.Length > maxBytes)
            {
                return TooLarge(maxBytes);
            }
        }
        using var reader = new StreamReader(new MemoryStream(content.GetBuffer(), 0, (int)content.Length), Utf8, detectEncodingFromByteOrderMarks: true);
        return Checked(reader.ReadToEnd());
    }

    /// <summary>Reads already decoded text (standard input behind a reader) up to <paramref name="maxChars"/> characters.</summary>
    public static InputRead ReadText(TextReader reader, long maxChars)
    {
        var text = new StringBuilder();
        var chunk = new char[ChunkSize];
        int read;
        while ((read = reader.Read(chunk, 0, (int)Math.Min(chunk.Length, maxChars + 1 - text.Length))) > 0)
        {
            text.Append(chunk, 0, read);
            if (text.Length > maxChars)
            {
                return TooLarge(maxChars);
            }
        }
        return Checked(text.ToString());
    }

    /// <summary><c>16 MiB</c>, <c>1500 KiB</c>, <c>100 bytes</c>: a limit as people write it.</summary>
    public static string FormatSize(long bytes) => bytes switch
    {
        >= 1024 * 1024 when bytes % (1024 * 1024) == 0 => $"{bytes / (1024 * 1024)} MiB",
        >= 1024 when bytes % 1024 == 0 => $"{bytes / 1024} KiB",
        1 => "1 byte",
        _ => $"{bytes} bytes",
    };

    private static InputRead TooLarge(long maxBytes) =>
        InputRead.Failed(InputProblemKind.TooLarge, $"larger than the {FormatSize(maxBytes)} input limit; nothing was checked");

    private static InputRead Checked(string text) => text.Contains('\0')
        ? InputRead.Failed(InputProblemKind.NotText,
            "not a text YAML file: it contains NUL characters (binary data, or UTF-16/UTF-32 without a byte-order mark)")
        : new InputRead(text, null);

    /// <summary>
    /// The file type by <c>statx(2)</c> (its structure is the same on every Linux architecture): glibc 2.28+. Elsewhere,
    /// or on a kernel without statx, only directories and missing files are told apart before opening.
    /// </summary>
    private static class FileType
    {
        private const int AtFdCwd = -100;
        private const int AtSymlinkNoFollow = 0x100;
        private const uint StatxType = 0x1;
        private const int StatxBufferSize = 256;
        private const int StatxModeOffset = 28;

        private const int ENOENT = 2;
        private const int EACCES = 13;
        private const int ENOTDIR = 20;
        private const int ENOSYS = 38;
        private const int ELOOP = 40;

        private const int TypeMask = 0xF000;
        private const int Socket = 0xC000;
        private const int SymbolicLink = 0xA000;
        private const int Regular = 0x8000;
        private const int BlockDevice = 0x6000;
        private const int DirectoryType = 0x4000;
        private const int CharacterDevice = 0x2000;
        private const int Fifo = 0x1000;

        private static bool _statxMissing = !OperatingSystem.IsLinux();

        public static InputProblem? Check(string path)
        {
            if (!_statxMissing && Stat(path, followLinks: true, out var type, out var errno))
            {
                return errno switch
                {
                    0 => ProblemOf(type),
                    ENOENT or ENOTDIR when Stat(path, followLinks: false, out var linkType, out var linkErrno) && linkErrno == 0 && linkType == SymbolicLink =>
                        new InputProblem(InputProblemKind.DanglingLink, $"dangling symbolic link (to '{LinkTarget(path)}', which does not exist)"),
                    ENOENT or ENOTDIR => new InputProblem(InputProblemKind.NotFound, "no such file or directory"),
                    ELOOP => new InputProblem(InputProblemKind.LinkLoop, "symbolic link loop (too many levels of symbolic links)"),
                    EACCES => new InputProblem(InputProblemKind.PermissionDenied, "permission denied"),
                    _ => new InputProblem(InputProblemKind.ReadError, Marshal.GetPInvokeErrorMessage(errno)),
                };
            }
            return Directory.Exists(path) ? ProblemOf(DirectoryType) : null;
        }

        private static InputProblem? ProblemOf(int type) => type switch
        {
            Regular => null,
            DirectoryType => new InputProblem(InputProblemKind.Directory, "it is a directory"),
            CharacterDevice => NotRegular("a character device"),
            BlockDevice => NotRegular("a block device"),
            Fifo => NotRegular("a named pipe (FIFO)"),
            Socket => NotRegular("a socket"),
            _ => NotRegular("not a regular file"),
        };

        private static InputProblem NotRegular(string what) =>
            new(InputProblemKind.NotRegularFile, $"it is {what}, not a regular file; only regular files are read");

        private static string? LinkTarget(string path)
        {
            try
            {
                return new FileInfo(path).LinkTarget;
            }
            catch (IOException)
            {
                return null;
            }
        }

        /// <returns>False when statx is not available (then the caller falls back); else errno (0 on success) and the type.</returns>
        private static bool Stat(string path, bool followLinks, out int type, out int errno)
        {
            var buffer = new byte[StatxBufferSize];
            var pathBytes = Encoding.UTF8.GetBytes(path + "\0");
            try
            {
                var result = statx(AtFdCwd, pathBytes, followLinks ? 0 : AtSymlinkNoFollow, StatxType, buffer);
                errno = result == 0 ? 0 : Marshal.GetLastPInvokeError();
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                errno = ENOSYS;
            }
            if (errno == ENOSYS)
            {
                _statxMissing = true;
                type = 0;
                return false;
            }
            type = BitConverter.ToUInt16(buffer, StatxModeOffset) & TypeMask;
            return true;
        }

        [DllImport("libc", SetLastError = true)]
        private static extern int statx(int dirfd, byte[] pathname, int flags, uint mask, byte[] statxbuf);
    }
}
