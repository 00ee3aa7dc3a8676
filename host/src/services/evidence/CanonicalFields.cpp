#include "services/evidence/CanonicalFields.hpp"

#include "services/evidence/EvidenceFields.hpp"

#include <yanzhen/date.hpp>

#include <charconv>
#include <optional>
#include <string>

namespace yanzhen::services {

namespace {

/// A cursor over the JSON text; every reader returns false at anything unexpected, and the
/// caller then falls back to the full parser.
struct Cursor {
    std::string_view s;
    std::size_t i = 0;

    void space() {
        while (i < s.size() && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r'))
            ++i;
    }
    bool eat(char c) {
        space();
        if (i >= s.size() || s[i] != c) return false;
        ++i;
        return true;
    }
    bool peek(char c) {
        space();
        return i < s.size() && s[i] == c;
    }
    /// A string without escapes (an escape sends the row to the full parser).
    bool string(std::string_view& out) {
        if (!eat('"')) return false;
        const std::size_t start = i;
        while (i < s.size() && s[i] != '"') {
            if (s[i] == '\\' || static_cast<unsigned char>(s[i]) < 32) return false;
            ++i;
        }
        if (i >= s.size()) return false;
        out = s.substr(start, i - start);
        ++i;
        return true;
    }
    /// A number's text: sign, digits, fraction, exponent.
    bool number(std::string_view& out, bool& integral) {
        space();
        const std::size_t start = i;
        integral = true;
        if (i < s.size() && s[i] == '-') ++i;
        while (i < s.size()) {
            const char c = s[i];
            if (c >= '0' && c <= '9') {
                ++i;
            } else if (c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') {
                integral = false;
                ++i;
            } else {
                break;
            }
        }
        out = s.substr(start, i - start);
        return !out.empty() && out != "-";
    }
    bool literal(std::string_view word) {
        space();
        if (s.substr(i, word.size()) != word) return false;
        i += word.size();
        return true;
    }
};

/// JSON has no leading zeros ("01"); the full parser decides what such text means.
bool leadingZero(std::string_view text) {
    if (!text.empty() && text.front() == '-') text.remove_prefix(1);
    return text.size() > 1 && text[0] == '0' && text[1] >= '0' && text[1] <= '9';
}

bool toInteger(std::string_view text, std::int64_t& v) {
    if (leadingZero(text)) return false;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    return ec == std::errc() && end == text.data() + text.size();
}

bool toDouble(std::string_view text, double& v) {
    if (leadingZero(text)) return false;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    return ec == std::errc() && end == text.data() + text.size();
}

bool readValue(Cursor& c, const Field& f, plugins::FieldValue& out) {
    switch (f.type) {
    case FieldType::Integer: {
        std::string_view t;
        bool integral = false;
        std::int64_t v = 0;
        if (!c.number(t, integral) || !integral || !toInteger(t, v)) return false;
        out = v;
        return true;
    }
    case FieldType::Boolean:
        if (c.literal("true")) {
            out = std::int64_t{1};
            return true;
        }
        if (c.literal("false")) {
            out = std::int64_t{0};
            return true;
        }
        return false;
    case FieldType::Number: {
        std::string_view t;
        bool integral = false;
        double v = 0;
        if (!c.number(t, integral) || !toDouble(t, v)) return false;
        out = v;
        return true;
    }
    case FieldType::Date: {
        std::string_view t;
        if (!c.string(t)) return false;
        out = static_cast<std::int64_t>(parseDay(t).value_or(0));
        return true;
    }
    case FieldType::Text:
    case FieldType::Choice: {
        std::string_view t;
        if (!c.string(t)) return false;
        out = std::string(t);
        return true;
    }
    case FieldType::Scores: {
        if (!c.eat('{')) return false;
        std::vector<std::pair<std::string, double>> scores;
        if (!c.eat('}')) {
            do {
                std::string_view name;
                std::string_view t;
                bool integral = false;
                double v = 0;
                if (!c.string(name) || !c.eat(':') || !c.number(t, integral) || !toDouble(t, v))
                    return false;
                // The full parser orders by name; canonical text is already in that order.
                if (!scores.empty() && !(scores.back().first < name)) return false;
                scores.emplace_back(std::string(name), v);
            } while (c.eat(','));
            if (!c.eat('}')) return false;
        }
        out = std::move(scores);
        return true;
    }
    default: return false;
    }
}

std::optional<std::vector<plugins::FieldValue>> tryDecode(const EvidenceKind& kind,
                                                          std::string_view json) {
    std::vector<plugins::FieldValue> values(kind.fields.size());
    Cursor c{json};
    if (!c.eat('{')) return std::nullopt;
    if (c.eat('}')) return values;
    do {
        std::string_view name;
        if (!c.string(name) || !c.eat(':')) return std::nullopt;
        const int i = kind.fieldIndex(name);
        if (i < 0) return std::nullopt; // not in the schema: let the full parser skip it
        auto& slot = values[static_cast<std::size_t>(i)];
        if (!std::holds_alternative<std::monostate>(slot)) return std::nullopt; // repeated
        if (!readValue(c, kind.fields[static_cast<std::size_t>(i)], slot)) return std::nullopt;
    } while (c.eat(','));
    if (!c.eat('}')) return std::nullopt;
    c.space();
    if (c.i != json.size()) return std::nullopt;
    return values;
}

} // namespace

std::vector<plugins::FieldValue> decodeCanonical(const EvidenceKind& kind, std::string_view json) {
    if (auto values = tryDecode(kind, json)) return std::move(*values);
    return decode(kind, std::string(json));
}

} // namespace yanzhen::services
