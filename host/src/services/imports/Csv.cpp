#include "services/imports/Csv.hpp"

#include <algorithm>
#include <set>

namespace yanzhen::services {

namespace {

// Large enough that reading a 300 MB file costs a few hundred reads, small enough not to matter.
constexpr std::size_t kBufferBytes = 1 << 20;

enum class State { FieldStart, Unquoted, Quoted, AfterQuote };

/// Line breaks in `s` before `end`: LF, CRLF and a lone CR each count once.
std::uint64_t lineBreaks(std::string_view s, std::size_t end) {
    std::uint64_t n = 0;
    for (std::size_t i = 0; i < end && i < s.size(); ++i)
        if (s[i] == '\n' || (s[i] == '\r' && (i + 1 >= s.size() || s[i + 1] != '\n'))) ++n;
    return n;
}

std::string kib(std::size_t bytes) {
    return std::to_string(bytes / 1024) + " KiB";
}

} // namespace

std::string trimmed(std::string_view s) {
    const auto first = s.find_first_not_of(" \t");
    if (first == std::string_view::npos) return {};
    const auto last = s.find_last_not_of(" \t");
    return std::string(s.substr(first, last - first + 1));
}

CsvReader::CsvReader(std::istream& in, CsvLimits limits)
    : in_(in), limits_(limits), buffer_(kBufferBytes) {
    fill();
    if (end_ >= 3 && buffer_[0] == '\xEF' && buffer_[1] == '\xBB' && buffer_[2] == '\xBF') pos_ = 3;
    CsvRecord head;
    if (!readRecord(head))
        throw CsvError(1, Text{"文件为空：第一行应为列名",
                               "the file is empty: the first line must name the columns"});
    if (head.problem)
        throw CsvError(head.problemLine,
                       Text{"表头：" + head.problem->zh, "header: " + head.problem->en});
    std::set<std::string> seen;
    for (std::size_t i = 0; i < head.cells.size(); ++i) {
        std::string name = trimmed(head.cells[i]);
        if (name.empty())
            throw CsvError(head.line, Text{"第 " + std::to_string(i + 1) + " 列没有列名",
                                           "column " + std::to_string(i + 1) + " has no name"});
        if (!seen.insert(name).second)
            throw CsvError(head.line, Text{"列名“" + name + "”出现了两次",
                                           "the column '" + name + "' appears twice"});
        header_.push_back(std::move(name));
    }
}

int CsvReader::column(std::string_view name) const {
    const auto it = std::find(header_.begin(), header_.end(), name);
    return it == header_.end() ? -1 : static_cast<int>(it - header_.begin());
}

bool CsvReader::fill() {
    if (!in_.good()) return false;
    in_.read(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
    if (in_.bad()) throw CsvError(line_, Text{"读取文件出错", "the file could not be read"});
    pos_ = 0;
    end_ = static_cast<std::size_t>(in_.gcount());
    filled_ += end_;
    if (filled_ > limits_.maxFileBytes)
        throw CsvError(
            line_, Text{"文件超过 " + std::to_string(limits_.maxFileBytes >> 20) + " MiB 的上限",
                        "the file is larger than the limit of " +
                            std::to_string(limits_.maxFileBytes >> 20) + " MiB"});
    return end_ > 0;
}

int CsvReader::get() {
    if (pos_ == end_ && !fill()) return -1;
    return static_cast<unsigned char>(buffer_[pos_++]);
}

int CsvReader::peek() {
    if (pos_ == end_ && !fill()) return -1;
    return static_cast<unsigned char>(buffer_[pos_]);
}

bool CsvReader::readRecord(CsvRecord& record) {
    record.cells.clear();
    record.problem.reset();
    record.problemLine = 0;
    // Blank lines between records are not records.
    for (;;) {
        const int c = peek();
        if (c == -1) return false;
        if (c == '\n') {
            get();
            ++line_;
        } else if (c == '\r') {
            get();
            if (peek() == '\n') get();
            ++line_;
        } else {
            break;
        }
    }
    record.line = line_;
    std::string cell;
    State state = State::FieldStart;
    std::size_t bytes = 0;
    bool tooLong = false;
    auto problem = [&](Text text) {
        if (!record.problem) {
            record.problem = std::move(text);
            record.problemLine = line_;
        }
    };
    auto finishCell = [&] {
        record.cells.push_back(std::move(cell));
        cell.clear();
    };
    // A line break outside quotes ends the record: CRLF, LF, or a lone CR.
    auto endOfLine = [&](int c) {
        if (c == '\r' && peek() == '\n') get();
        ++line_;
    };
    for (;;) {
        const int c = get();
        if (c == -1) {
            if (state == State::Quoted)
                throw CsvError(record.line,
                               Text{"此行开始的带引号单元格直到文件末尾都没有闭合",
                                    "a quoted cell that starts on this line is never closed"});
            finishCell();
            break;
        }
        if (++bytes > limits_.maxRecordBytes && !tooLong) {
            tooLong = true;
            problem(Text{"一条记录超过 " + kib(limits_.maxRecordBytes),
                         "a record longer than " + kib(limits_.maxRecordBytes)});
        }
        if (tooLong) cell.clear(); // keep scanning for the record's end, not its text
        if (state == State::Quoted) {
            if (c == '"') {
                if (peek() == '"') {
                    get();
                    cell += '"';
                } else {
                    state = State::AfterQuote;
                }
            } else {
                cell += static_cast<char>(c);
                if (c == '\n')
                    ++line_;
                else if (c == '\r') {
                    if (peek() == '\n') cell += static_cast<char>(get());
                    ++line_;
                }
            }
            continue;
        }
        if (c == ',') {
            finishCell();
            state = State::FieldStart;
            continue;
        }
        if (c == '\n' || c == '\r') {
            endOfLine(c);
            finishCell();
            break;
        }
        if (state == State::FieldStart && c == '"') {
            state = State::Quoted;
            continue;
        }
        if (state == State::AfterQuote)
            problem(Text{"闭合引号后还有文字（单元格内的引号应写成两个 \"\"）",
                         "text after a closing quote (a quote inside a cell is written \"\")"});
        else if (c == '"')
            problem(Text{"未加引号的单元格中有引号（应把整个单元格加上引号，内部引号写成 \"\"）",
                         "a quote inside an unquoted cell (quote the whole cell and write the "
                         "quote as \"\")"});
        cell += static_cast<char>(c);
        state = State::Unquoted;
    }
    if (tooLong) {
        record.cells.clear();
        return true;
    }
    std::uint64_t before = 0; // line breaks in the cells before the one being checked
    for (const auto& text : record.cells) {
        const std::size_t at = invalidUtf8At(text);
        if (at != std::string_view::npos) {
            record.problem = Text{"不是有效的 UTF-8 文本（请以 UTF-8 编码保存文件）",
                                  "not valid UTF-8 text (save the file as UTF-8)"};
            record.problemLine = record.line + before + lineBreaks(text, at);
            break;
        }
        before += lineBreaks(text, text.size());
    }
    return true;
}

bool CsvReader::next(CsvRecord& record) {
    if (!readRecord(record)) return false;
    if (!record.problem && record.cells.size() != header_.size()) {
        record.problem =
            Text{"有 " + std::to_string(record.cells.size()) + " 个单元格，表头有 " +
                     std::to_string(header_.size()) + " 列",
                 "has " + std::to_string(record.cells.size()) + " cells, the header has " +
                     std::to_string(header_.size()) + " columns"};
        record.problemLine = record.line;
    }
    return true;
}

} // namespace yanzhen::services
