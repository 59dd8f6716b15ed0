import { describe, expect, it } from 'vitest';
import { collectSoftware } from './software-list.js';
import { softwareKey } from './software-key.js';

const key = (name: string, version?: string) => softwareKey({ name, version }).key;

describe('softwareKey', () => {
  it('gives one key to one product whatever the architecture, version or locale in its name', () => {
    expect(key('7-Zip 22.01 (x64)', '22.01')).toBe('7-zip');
    expect(key('7-Zip 19.00', '19.00')).toBe('7-zip');
    expect(key('7-zip')).toBe('7-zip');
    expect(key('Mozilla Firefox (x64 fr)', '128.0.3')).toBe('mozilla firefox');
    expect(key('Mozilla Firefox 115.0.2 (x86 en-US)', '115.0.2')).toBe('mozilla firefox');
    expect(key('Microsoft Visual C++ 2015-2019 Redistributable (x64) - 14.29.30133', '14.29.30133')).toBe(
      'microsoft visual c++ 2015-2019 redistributable',
    );
    expect(key('Python 3.11.4 (64-bit)', '3.11.4150.0')).toBe('python');
    expect(key('LibreOffice  7.6.4.1', '7.6.4.1')).toBe('libreoffice');
    expect(key('GeoGebra Classic', '6.0.8')).toBe('geogebra classic');
    expect(key('Adobe Acrobat Reader DC™ - 64-bit')).toBe('adobe acrobat reader dc');
  });

  it('keeps what tells products apart', () => {
    expect(key('Microsoft Office Professionnel Plus 2016', '16.0.4266.1001')).toBe('microsoft office professionnel plus 2016');
    expect(key('Java 8 Update 351 (64-bit)', '8.0.3510.10')).toBe('java 8 update 351');
    expect(key('python3.11', '3.11.2-6')).toBe('python3.11'); // a Debian package name is a name
    expect(key('7.0', '7.0')).toBe('7.0'); // never stripped to nothing
  });

  it('tidies the display name, version and publisher without changing them', () => {
    expect(softwareKey({ name: '  VLC   media player ', version: ' 3.0.20 ', publisher: ' VideoLAN ' })).toEqual({
      key: 'vlc media player',
      displayName: 'VLC media player',
      version: '3.0.20',
      publisher: 'VideoLAN',
    });
    expect(softwareKey({ name: 'x', version: '  ', publisher: null })).toMatchObject({ version: null, publisher: null });
  });
});

describe('collectSoftware', () => {
  it('lists identical name + version once and drops entries without a name', () => {
    const list = collectSoftware([
      { name: 'libc6', version: '2.36', arch: 'amd64', publisher: 'Debian' },
      { name: 'libc6', version: '2.36', arch: 'i386', publisher: 'Debian' },
      { name: 'libc6', version: '2.37' },
      { version: '1.0' },
      { name: '   ' },
    ]);
    expect(list).toEqual([
      { name: 'libc6', version: '2.36', publisher: 'Debian', arch: 'amd64' },
      { name: 'libc6', version: '2.37', publisher: null, arch: null },
    ]);
  });
});
