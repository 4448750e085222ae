import { toCsv } from './csv';

describe('toCsv', () => {
  it('writes RFC 4180: CRLF records, quotes doubled inside quoted cells, empty cells for null', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['x, y', 'say "hi"'],
          [null, 3],
        ],
      ),
    ).toBe('a,b\r\n"x, y","say ""hi"""\r\n,3\r\n');
  });

  it.each([
    ['=HYPERLINK("http://evil.example","click")', `"'=HYPERLINK(""http://evil.example"",""click"")"`],
    ['+1+cmd|" /C calc"!A0', `"'+1+cmd|"" /C calc""!A0"`],
    ['-2+3', "'-2+3"],
    ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', `"'\r=1+1"`],
  ])('keeps a spreadsheet from running %j as a formula', (cell, written) => {
    expect(toCsv(['h'], [[cell]])).toBe(`h\r\n${written}\r\n`);
  });

  it('leaves numbers and text that only contain those characters alone', () => {
    expect(toCsv(['n', 't'], [[-5, 'a=b, c+d @e']])).toBe('n,t\r\n-5,"a=b, c+d @e"\r\n');
  });
});
