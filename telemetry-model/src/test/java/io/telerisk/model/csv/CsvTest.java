package io.telerisk.model.csv;

import org.junit.jupiter.api.Test;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CsvTest {
    private static Path resource(String name) throws Exception {
        return Path.of(CsvTest.class.getResource("/csv/" + name).toURI());
    }

    private static CsvTable table(String text) {
        return Csv.readTable(text.getBytes(StandardCharsets.UTF_8), null, CsvLimits.DEFAULT);
    }

    @Test
    void readsEuropeanExcelExportWithBomSemicolonsDecimalCommasAndQuotedLineBreaks() throws Exception {
        CsvTable t = Csv.readTable(resource("excel-de-utf8-bom.csv"), null, CsvLimits.DEFAULT);
        assertEquals(CsvDialect.SEMICOLON, t.dialect());
        assertEquals(List.of("policyId", "productLine", "annualKm", "note"), t.header(), "BOM must not stick to the first name");
        assertEquals(3, t.rows().size(), "the blank line is no record");
        assertEquals(12500.5, t.number(0, "annualKm"));
        assertEquals("Garage; Hauptstraße 3", t.text(0, "note"));
        assertEquals("Zweitwagen,\r\nnur Wochenende", t.text(1, "note"));
        assertEquals(-0.25, t.number(2, "annualKm"));
        assertEquals("sagt \"nie\"", t.text(2, "note"));
        assertEquals(List.of(2, 3, 6), List.of(t.line(0), t.line(1), t.line(2)), "lines of the file, a quoted line break counted");
    }

    @Test
    void readsChineseExcelExportInDeclaredGbk() throws Exception {
        CsvTable t = Csv.readTable(resource("excel-zh-gbk.csv"), Csv.charset("GBK"), CsvLimits.DEFAULT);
        assertEquals(List.of("保单号", "产品线", "年里程公里", "备注"), t.header());
        assertEquals("北京市,朝阳区", t.text(0, "备注"));
        assertEquals(15000.5, t.number(0, "年里程公里"));
        assertEquals("夜间行驶少", t.text(1, "备注"));
    }

    @Test
    void refusesGbkBytesReadAsUtf8NamingTheLineAndTheWayOut() throws Exception {
        CsvFormatException e = assertThrows(CsvFormatException.class,
                () -> Csv.readTable(resource("excel-zh-gbk.csv"), null, CsvLimits.DEFAULT));
        assertEquals(1, e.line());
        assertTrue(e.getMessage().contains("not valid UTF-8") && e.getMessage().contains("charset=GBK"), e.getMessage());
    }

    @Test
    void readsUtf16WithItsByteOrderMarkAndTabs() {
        byte[] b = ("\uFEFFdevice\tkm\ncar-1\t12.5\n").getBytes(StandardCharsets.UTF_16LE);
        CsvTable t = Csv.readTable(b, null, CsvLimits.DEFAULT);
        assertEquals(CsvDialect.TAB, t.dialect());
        assertEquals(12.5, t.number(0, "km"));
    }

    @Test
    void commaFileKeepsDecimalPointAndRefusesDecimalComma() {
        CsvTable t = table("a,b\n\"1,5\",2.5\n");
        assertEquals(2.5, t.number(0, "b"));
        CsvFormatException e = assertThrows(CsvFormatException.class, () -> t.number(0, "a"));
        assertEquals(2, e.line());
        assertEquals("a", e.column());
        assertEquals("line 2, column 'a': '1,5' is not a number", e.getMessage());
    }

    @Test
    void refusesHexInfinityAndThousandsSeparatorsAsNumbers() {
        CsvTable t = table("a;b;c\n0x10;Infinity;1.234,5\n");
        for (String c : List.of("a", "b", "c")) {
            CsvFormatException e = assertThrows(CsvFormatException.class, () -> t.number(0, c));
            assertEquals(c, e.column());
        }
    }

    @Test
    void namesTheLineOfARecordWithTheWrongNumberOfFields() {
        CsvFormatException e = assertThrows(CsvFormatException.class, () -> table("a,b,c\r\n1,2,3\r\n\r\n4,5\r\n"));
        assertEquals(4, e.line());
        assertTrue(e.getMessage().startsWith("line 4: 2 fields, the header has 3"), e.getMessage());
    }

    @Test
    void namesTheLineWhereAnUnclosedQuoteOpens() {
        CsvFormatException e = assertThrows(CsvFormatException.class, () -> table("a,b\n1,2\n3,\"open\n4,5\n"));
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("never closed"), e.getMessage());
    }

    @Test
    void refusesTextAfterAClosingQuote() {
        CsvFormatException e = assertThrows(CsvFormatException.class, () -> table("a,b\n1,\"x\"y\n"));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("after a closing quote"), e.getMessage());
    }

    @Test
    void refusesBlankAndDuplicateColumnNames() {
        assertEquals("2", assertThrows(CsvFormatException.class, () -> table("a,,c\n1,2,3\n")).column());
        assertEquals("a", assertThrows(CsvFormatException.class, () -> table("a,b,a\n1,2,3\n")).column());
    }

    @Test
    void refusesFilesOverTheLimitsBeforeReadingThemWhole() throws Exception {
        CsvLimits small = CsvLimits.DEFAULT.withMaxBytes(20);
        CsvFormatException big = assertThrows(CsvFormatException.class,
                () -> Csv.readTable("a,b\n1,2\n3,4\n5,6\n7,8\n9,0\n".getBytes(StandardCharsets.UTF_8), null, small));
        assertEquals(0, big.line());
        assertTrue(big.getMessage().contains("more than the 20"), big.getMessage());
        Path f = Files.createTempFile("big", ".csv");
        try {
            Files.write(f, new byte[21]);
            assertThrows(CsvFormatException.class, () -> Csv.readTable(f, null, small));
        } finally {
            Files.delete(f);
        }
        CsvFormatException rows = assertThrows(CsvFormatException.class,
                () -> Csv.readTable("a\n1\n2\n3\n".getBytes(StandardCharsets.UTF_8), null, CsvLimits.DEFAULT.withMaxRecords(2)));
        assertEquals(4, rows.line());
    }

    @Test
    void readsTheCharsetParameterOfAContentType() {
        assertEquals(Charset.forName("GBK"), Csv.charsetOfContentType("text/csv; charset=gbk"));
        assertEquals(StandardCharsets.UTF_8, Csv.charsetOfContentType("text/csv;charset=\"UTF-8\""));
        assertNull(Csv.charsetOfContentType("text/csv"));
        CsvFormatException e = assertThrows(CsvFormatException.class, () -> Csv.charsetOfContentType("text/csv; charset=klingon"));
        assertTrue(e.getMessage().contains("unknown charset 'klingon'"), e.getMessage());
    }

    @Test
    void readsRecordsWithoutAHeader() {
        Csv.Records r = Csv.readRecords("0;1,5\n\n1;2\n".getBytes(StandardCharsets.UTF_8), null, CsvLimits.DEFAULT);
        assertEquals(CsvDialect.SEMICOLON, r.dialect());
        assertEquals(2, r.lines().size());
        assertEquals(3, r.lines().get(1).line());
        assertEquals(1.5, r.dialect().number(r.lines().get(0).get(1), 1, "2"));
    }
}
