// The CSV reader as files people save from a spreadsheet make it work: quotes, line breaks
// inside cells, a byte order mark, Windows line ends, ragged rows, text that is not UTF-8. Lines
// are physical lines of the file, the header being line 1.

#include "services/imports/Csv.hpp"

#include <gtest/gtest.h>

#include <sstream>

using namespace yanzhen::services;

namespace {

using Cells = std::vector<std::string>;

struct Read {
    std::vector<std::string> header;
    std::vector<CsvRecord> records;
};

Read readAll(const std::string& text, CsvLimits limits = {}) {
    std::istringstream in(text);
    CsvReader reader(in, limits);
    Read out{reader.header(), {}};
    CsvRecord r;
    while (reader.next(r))
        out.records.push_back(r);
    return out;
}

TEST(Csv, QuotedCellsKeepCommasAndDoubledQuotes) {
    const auto r = readAll(
        "worker,note,score\nJY-0001,\"好，很好, really\",\"He said \"\"yes\"\"\"\n\"\",,\"\"\n");
    ASSERT_EQ(r.records.size(), 2U);
    EXPECT_EQ(r.records[0].cells, (Cells{"JY-0001", "好，很好, really", "He said \"yes\""}));
    EXPECT_FALSE(r.records[0].problem);
    EXPECT_EQ(r.records[1].cells, (Cells{"", "", ""}));
}

TEST(Csv, LineBreakInsideQuotesKeepsTheNextRecordsLineRight) {
    const auto r = readAll("worker,note\n"
                           "JY-0001,\"first line\nsecond line\nthird line\"\n"
                           "JY-0002,plain\n");
    ASSERT_EQ(r.records.size(), 2U);
    EXPECT_EQ(r.records[0].line, 2U);
    EXPECT_EQ(r.records[0].cells[1], "first line\nsecond line\nthird line");
    EXPECT_EQ(r.records[1].line, 5U); // the line an editor shows JY-0002 on
    EXPECT_EQ(r.records[1].cells, (Cells{"JY-0002", "plain"}));
}

TEST(Csv, ByteOrderMarkIsSkipped) {
    const auto r = readAll("\xEF\xBB\xBF"
                           "code,name\nJY-0001,张伟\n");
    EXPECT_EQ(r.header, (Cells{"code", "name"}));
    ASSERT_EQ(r.records.size(), 1U);
    EXPECT_EQ(r.records[0].cells, (Cells{"JY-0001", "张伟"}));
}

TEST(Csv, WindowsLineEndsAreOneBreakEach) {
    const auto r = readAll("code,name\r\nJY-0001,\"张\r\n伟\"\r\nJY-0002,李娜\r\n");
    ASSERT_EQ(r.records.size(), 2U);
    EXPECT_EQ(r.records[0].cells, (Cells{"JY-0001", "张\r\n伟"}));
    EXPECT_EQ(r.records[1].line, 4U);
    EXPECT_EQ(r.records[1].cells, (Cells{"JY-0002", "李娜"})); // no '\r' left on the last cell
}

TEST(Csv, HeaderNamesAreTrimmedAndTheLastLineNeedsNoBreak) {
    const auto r = readAll(" code , name\nJY-0001,张伟");
    EXPECT_EQ(r.header, (Cells{"code", "name"}));
    ASSERT_EQ(r.records.size(), 1U);
    EXPECT_EQ(r.records[0].cells, (Cells{"JY-0001", "张伟"}));
}

TEST(Csv, BlankLinesAreSkippedButCounted) {
    const auto r = readAll("a,b\n\n1,2\n\n\n3,4\n\n");
    ASSERT_EQ(r.records.size(), 2U);
    EXPECT_EQ(r.records[0].line, 3U);
    EXPECT_EQ(r.records[1].line, 6U);
}

TEST(Csv, RaggedRowsAreProblemsOfTheirOwnRowOnly) {
    const auto r = readAll("a,b,c\n1,2,3\n1,2\n1,2,3,4\n7,8,9\n");
    ASSERT_EQ(r.records.size(), 4U);
    EXPECT_FALSE(r.records[0].problem);
    ASSERT_TRUE(r.records[1].problem);
    EXPECT_EQ(r.records[1].problemLine, 3U);
    EXPECT_EQ(r.records[1].problem->en, "has 2 cells, the header has 3 columns");
    ASSERT_TRUE(r.records[2].problem);
    EXPECT_EQ(r.records[2].problemLine, 4U);
    EXPECT_FALSE(r.records[3].problem);
    EXPECT_EQ(r.records[3].cells, (Cells{"7", "8", "9"}));
}

TEST(Csv, InvalidUtf8NamesItsLine) {
    const auto r = readAll(
        "code,name\nJY-0001,张伟\nJY-0002,\xD5\xC5\xCE\xB0\nJY-0003,\"李\n\xFF\"\nJY-0004,ok\n");
    ASSERT_EQ(r.records.size(), 4U);
    EXPECT_FALSE(r.records[0].problem);
    ASSERT_TRUE(r.records[1].problem); // GBK bytes for 张伟: a file saved in the wrong encoding
    EXPECT_EQ(r.records[1].problemLine, 3U);
    EXPECT_NE(r.records[1].problem->en.find("UTF-8"), std::string::npos);
    ASSERT_TRUE(r.records[2].problem); // the bad byte is on the second line of a quoted cell
    EXPECT_EQ(r.records[2].line, 4U);
    EXPECT_EQ(r.records[2].problemLine, 5U);
    EXPECT_FALSE(r.records[3].problem);
    EXPECT_EQ(r.records[3].line, 6U);
}

TEST(Csv, Utf8CheckRejectsOverlongFormsAndSurrogates) {
    EXPECT_EQ(invalidUtf8At("江源区 ok"), std::string_view::npos);
    EXPECT_EQ(invalidUtf8At("a\xC0\xAF"), 1U);        // overlong '/'
    EXPECT_EQ(invalidUtf8At("ab\xED\xA0\x80"), 2U);   // a UTF-16 surrogate
    EXPECT_EQ(invalidUtf8At("\xF4\x90\x80\x80"), 0U); // past U+10FFFF
    EXPECT_EQ(invalidUtf8At("\xE6\xB1"), 0U);         // cut short
}

TEST(Csv, StrayQuotesAreProblems) {
    const auto r = readAll("a,b\n1,2\"3\n\"x\"y,2\n5,6\n");
    ASSERT_EQ(r.records.size(), 3U);
    ASSERT_TRUE(r.records[0].problem);
    EXPECT_EQ(r.records[0].problemLine, 2U);
    ASSERT_TRUE(r.records[1].problem);
    EXPECT_EQ(r.records[1].problemLine, 3U);
    EXPECT_FALSE(r.records[2].problem);
}

TEST(Csv, AQuoteLeftOpenStopsTheReadingAtTheLineItOpenedOn) {
    try {
        readAll("a,b\n1,2\n3,\"never closed\n4,5\n6,7\n");
        FAIL() << "expected a CsvError";
    } catch (const CsvError& e) {
        EXPECT_EQ(e.line, 3U);
        EXPECT_NE(std::string(e.what()).find("line 3"), std::string::npos) << e.what();
    }
}

TEST(Csv, ALongRecordIsAProblemAndTheReadingGoesOn) {
    const std::string big(100, 'x');
    const auto r = readAll("a,b\n1," + big + "\n2,\"" + big + "\n" + big + "\"\n3,ok\n",
                           CsvLimits{64, 1 << 20});
    ASSERT_EQ(r.records.size(), 3U);
    ASSERT_TRUE(r.records[0].problem);
    EXPECT_NE(r.records[0].problem->en.find("longer than"), std::string::npos);
    ASSERT_TRUE(r.records[1].problem);
    EXPECT_EQ(r.records[1].line, 3U);
    EXPECT_FALSE(r.records[2].problem);
    EXPECT_EQ(r.records[2].line, 5U);
}

TEST(Csv, AFilePastItsLimitStops) {
    std::string text = "a,b\n";
    for (int i = 0; i < 100; ++i)
        text += "1,2\n";
    EXPECT_THROW(readAll(text, CsvLimits{1024, 200}), CsvError);
}

TEST(Csv, HeaderProblemsStopTheReading) {
    EXPECT_THROW(readAll(""), CsvError);
    EXPECT_THROW(readAll("\n\n"), CsvError);
    EXPECT_THROW(readAll("code,name,code\n"), CsvError);
    EXPECT_THROW(readAll("code,,name\n"), CsvError);
}

TEST(Csv, LinesStayRightAcrossTheReadBuffer) {
    // Well past the reader's 1 MiB buffer, with a quoted line break every 7th record.
    std::string text = "n,note\n";
    std::uint64_t line = 2;
    std::vector<std::uint64_t> expected;
    for (int i = 0; i < 60000; ++i) {
        expected.push_back(line);
        if (i % 7 == 0) {
            text += std::to_string(i) + ",\"some words\nmore words, and more\"\n";
            line += 2;
        } else {
            text += std::to_string(i) + ",some words and some more words to fill the buffer\n";
            line += 1;
        }
    }
    ASSERT_GT(text.size(), std::size_t{1} << 21);
    std::istringstream in(text);
    CsvReader reader(in);
    CsvRecord r;
    std::size_t i = 0;
    while (reader.next(r)) {
        ASSERT_LT(i, expected.size());
        ASSERT_FALSE(r.problem) << "record " << i;
        ASSERT_EQ(r.line, expected[i]) << "record " << i;
        ASSERT_EQ(r.cells[0], std::to_string(i));
        ++i;
    }
    EXPECT_EQ(i, expected.size());
    EXPECT_EQ(reader.bytesRead(), text.size());
}

} // namespace
