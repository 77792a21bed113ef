// Names of this platform for .NET (runtime identifiers), VS Code (extension target platforms) and the server binary.

const architectures: Record<string, string> = { x64: 'x64', arm64: 'arm64', arm: 'arm' };

/** The .NET runtime identifier the server is published for: `linux-x64`, `osx-arm64`, `win-x64`… */
export function runtimeIdentifier(platform: string, arch: string): string | undefined {
  const os = ({ linux: 'linux', darwin: 'osx', win32: 'win' } as Record<string, string>)[platform];
  const cpu = architectures[arch];
  return os && cpu ? `${os}-${cpu}` : undefined;
}

/** VS Code's target platform for a platform-specific .vsix: `linux-x64`, `darwin-arm64`, `win32-x64`… */
export function vsceTarget(platform: string, arch: string): string | undefined {
  const cpu = architectures[arch] === 'arm' ? 'armhf' : architectures[arch];
  return ['linux', 'darwin', 'win32'].includes(platform) && cpu ? `${platform}-${cpu}` : undefined;
}

export function serverExecutableName(platform: string): string {
  return platform === 'win32' ? 'egressctl.exe' : 'egressctl';
}
