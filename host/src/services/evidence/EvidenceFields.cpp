#include "services/evidence/EvidenceFields.hpp"

#include "services/text/TextRules.hpp"
#include "json/JsonWriter.hpp"

#include <yanzhen/date.hpp>

#include <Poco/JSON/Parser.h>

#include <charconv>
#include <cmath>
#include <variant>

namespace yanzhen::services {

namespace {

constexpr std::size_t kMaxTextChars = 2000; // a note, an activity: not a document

/// A checked value as the store keeps it.
using CanonicalValue =
    std::variant<std::int64_t, double, bool, std::string, std::map<std::string, double>>;
/// Checked values by field name. Sorted maps, so that they are written in the order
/// Poco::JSON::Object writes its keys: the bytes every stored row has had. Written directly
/// rather than through Poco::JSON, which was a tenth of a large import.
using Canonical = std::map<std::string, CanonicalValue>;

std::string canonicalJson(const Canonical& values) {
    std::string out;
    json::JsonWriter w(out);
    w.beginObject();
    for (const auto& [name, value] : values) {
        w.key(name);
        std::visit(
            [&](const auto& v) {
                if constexpr (std::is_same_v<std::decay_t<decltype(v)>,
                                             std::map<std::string, double>>) {
                    w.beginObject();
                    for (const auto& [criterion, score] : v)
                        w.key(criterion).value(score);
                    w.endObject();
                } else {
                    w.value(v);
                }
            },
            value);
    }
    w.endObject();
    return out;
}

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& i : items)
        out += (out.empty() ? "" : ", ") + i;
    return out;
}

/// Checks one value already in JSON form and puts it into `out`; reports to `problems`.
void checkValue(const Field& f, const Poco::Dynamic::Var& value, Canonical& out,
                std::vector<FieldProblem>& problems) {
    auto problem = [&](const std::string& zh, const std::string& en) {
        problems.push_back(FieldProblem{f.name, Text{f.name + "：" + zh, f.name + ": " + en}});
    };
    auto inRange = [&](double v) {
        if (!std::isfinite(v)) {
            problem("应为有限的数", "expected a finite number");
            return false;
        }
        if ((f.min && v < *f.min) || (f.max && v > *f.max)) {
            const std::string range = (f.min ? formatNumber(*f.min) : "-∞") + " .. " +
                                      (f.max ? formatNumber(*f.max) : "∞");
            problem("应在 " + range + " 之间，实际是 " + formatNumber(v),
                    "expected a value in " + range + ", found " + formatNumber(v));
            return false;
        }
        return true;
    };
    try {
        switch (f.type) {
        case FieldType::Integer: {
            if (!value.isInteger()) {
                problem("应为整数", "expected an integer, found '" + value.toString() + "'");
                return;
            }
            const auto v = value.convert<Poco::Int64>();
            if (inRange(static_cast<double>(v))) out[f.name] = std::int64_t{v};
            return;
        }
        case FieldType::Number: {
            if (!value.isNumeric()) {
                problem("应为数字", "expected a number, found '" + value.toString() + "'");
                return;
            }
            const auto v = value.convert<double>();
            if (inRange(v)) out[f.name] = v;
            return;
        }
        case FieldType::Boolean:
            if (!value.isBoolean()) {
                problem("应为 true 或 false",
                        "expected true or false, found '" + value.toString() + "'");
                return;
            }
            out[f.name] = value.convert<bool>();
            return;
        case FieldType::Date: {
            const std::string s = value.toString();
            if (!parseDay(s)) {
                problem("应为日期 YYYY-MM-DD，实际是“" + s + "”",
                        "expected a date YYYY-MM-DD, found '" + s + "'");
                return;
            }
            out[f.name] = s;
            return;
        }
        case FieldType::Choice: {
            const std::string s = value.toString();
            for (const auto& c : f.choices)
                if (c == s) {
                    out[f.name] = s;
                    return;
                }
            const Text message =
                withDidYouMean(Text{"应为 " + join(f.choices) + " 之一，实际是“" + s + "”",
                                    "expected one of " + join(f.choices) + ", found '" + s + "'"},
                               s, f.choices);
            problem(message.zh, message.en);
            return;
        }
        case FieldType::Text: {
            // A note: paragraphs, and as every typed text is kept (services/text).
            auto checked = validateText(value.toString(), TextRule{kMaxTextChars, true, true});
            if (const auto* why = std::get_if<Text>(&checked)) {
                problem(why->zh, why->en);
                return;
            }
            out[f.name] = std::get<std::string>(std::move(checked));
            return;
        }
        case FieldType::Scores: {
            if (value.type() != typeid(Poco::JSON::Object::Ptr)) {
                problem("应为各项得分", "expected scores by name");
                return;
            }
            const auto in = value.extract<Poco::JSON::Object::Ptr>();
            std::map<std::string, double> scores;
            for (const auto& [name, score] : *in) {
                if (!score.isNumeric() || !std::isfinite(score.convert<double>())) {
                    problem("“" + name + "”的得分应为数字",
                            "the score for '" + name + "' must be a number");
                    return;
                }
                if (f.min && score.convert<double>() < *f.min) {
                    problem("“" + name + "”的得分低于 " + formatNumber(*f.min),
                            "the score for '" + name + "' is below " + formatNumber(*f.min));
                    return;
                }
                scores[name] = score.convert<double>();
            }
            out[f.name] = std::move(scores);
            return;
        }
        case FieldType::List:
        case FieldType::Map:
            problem("不支持的字段类型", "this field type is for configuration only");
            return;
        }
    } catch (const Poco::Exception&) {
        problem("无法读取", "cannot be read as " + std::string(fieldTypeName(f.type)));
    }
}

CheckedFields finish(const EvidenceKind& kind, const std::vector<std::string>& given,
                     const Canonical& out, std::vector<FieldProblem> problems) {
    std::vector<std::string> names;
    for (const auto& f : kind.fields)
        names.push_back(f.name);
    for (const auto& name : given)
        if (kind.fieldIndex(name) < 0) {
            problems.push_back(FieldProblem{
                name,
                withDidYouMean(Text{"未知的字段“" + name + "”", "unknown field '" + name + "'"},
                               name, names)});
        }
    for (const auto& f : kind.fields)
        if (f.required && out.count(f.name) == 0 &&
            std::none_of(problems.begin(), problems.end(),
                         [&](const auto& p) { return p.field == f.name; }))
            problems.push_back(
                FieldProblem{f.name, Text{"缺少必填字段“" + f.name + "”",
                                          "missing required field '" + f.name + "'"}});
    CheckedFields result;
    result.problems = std::move(problems);
    if (result.ok()) result.json = canonicalJson(out);
    return result;
}

/// A typed JSON value from what a person typed, by the field's type; text that is not of the
/// type stays text, so that checkValue reports it.
Poco::Dynamic::Var fromText(const Field& f, const std::string& s) {
    if (f.type == FieldType::Integer) {
        Poco::Int64 v = 0;
        const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
        if (ec == std::errc{} && end == s.data() + s.size()) return v;
    } else if (f.type == FieldType::Number) {
        double v = 0;
        const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
        if (ec == std::errc{} && end == s.data() + s.size()) return v;
    } else if (f.type == FieldType::Boolean) {
        if (s == "true" || s == "1" || s == "yes") return true;
        if (s == "false" || s == "0" || s == "no") return false;
    } else if (f.type == FieldType::Scores) {
        Poco::JSON::Object::Ptr scores = new Poco::JSON::Object;
        std::string_view rest = s;
        while (!rest.empty()) {
            const auto semi = rest.find(';');
            const std::string_view item = rest.substr(0, semi);
            const auto eq = item.find('=');
            if (eq == std::string_view::npos) return s;
            double v = 0;
            const auto number = item.substr(eq + 1);
            const auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), v);
            if (ec != std::errc{} || end != number.data() + number.size()) return s;
            scores->set(std::string(item.substr(0, eq)), v);
            rest = semi == std::string_view::npos ? std::string_view{} : rest.substr(semi + 1);
        }
        return scores;
    }
    return s;
}

} // namespace

CheckedFields checkText(const EvidenceKind& kind,
                        const std::map<std::string, std::string>& values) {
    Canonical out;
    std::vector<FieldProblem> problems;
    std::vector<std::string> given;
    for (const auto& [name, text] : values) {
        given.push_back(name);
        const int i = kind.fieldIndex(name);
        if (i < 0 || text.empty()) continue;
        const Field& f = kind.fields[static_cast<std::size_t>(i)];
        checkValue(f, fromText(f, text), out, problems);
    }
    return finish(kind, given, out, std::move(problems));
}

CheckedFields checkJson(const EvidenceKind& kind, const Poco::JSON::Object& values) {
    Canonical out;
    std::vector<FieldProblem> problems;
    std::vector<std::string> given;
    for (const auto& [name, value] : values) {
        given.push_back(name);
        const int i = kind.fieldIndex(name);
        if (i < 0 || value.isEmpty()) continue;
        checkValue(kind.fields[static_cast<std::size_t>(i)], value, out, problems);
    }
    return finish(kind, given, out, std::move(problems));
}

std::vector<plugins::FieldValue> decode(const EvidenceKind& kind, const std::string& json) {
    std::vector<plugins::FieldValue> values(kind.fields.size());
    Poco::JSON::Object::Ptr o;
    try {
        o = Poco::JSON::Parser().parse(json).extract<Poco::JSON::Object::Ptr>();
    } catch (const Poco::Exception&) {
        return values;
    }
    for (std::size_t i = 0; i < kind.fields.size(); ++i) {
        const Field& f = kind.fields[i];
        if (!o->has(f.name)) continue;
        const Poco::Dynamic::Var v = o->get(f.name);
        try {
            switch (f.type) {
            case FieldType::Integer:
            case FieldType::Boolean:
                values[i] = static_cast<std::int64_t>(v.convert<Poco::Int64>());
                break;
            case FieldType::Number: values[i] = v.convert<double>(); break;
            case FieldType::Date:
                values[i] = static_cast<std::int64_t>(parseDay(v.toString()).value_or(0));
                break;
            case FieldType::Text:
            case FieldType::Choice: values[i] = v.toString(); break;
            case FieldType::Scores: {
                std::vector<std::pair<std::string, double>> scores;
                for (const auto& [name, score] : *v.extract<Poco::JSON::Object::Ptr>())
                    scores.emplace_back(name, score.convert<double>());
                values[i] = std::move(scores);
                break;
            }
            default: break;
            }
        } catch (
            const Poco::Exception&) { // checked when written; an undecodable value stays absent
        }
    }
    return values;
}

} // namespace yanzhen::services
