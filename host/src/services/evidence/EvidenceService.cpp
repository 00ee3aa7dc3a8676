#include "services/evidence/EvidenceService.hpp"

#include <yanzhen/date.hpp>

#include <Poco/JSON/Parser.h>

#include <charconv>
#include <cmath>

namespace yanzhen::services {

namespace {

std::string joinEnglish(const std::vector<Text>& problems) {
    std::string out;
    for (const auto& p : problems)
        out += (out.empty() ? "" : "; ") + p.en;
    return out;
}

std::string numberText(double v) {
    if (std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 9e15)
        return std::to_string(static_cast<std::int64_t>(v));
    char buffer[32];
    const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, v);
    return ec == std::errc{} ? std::string(buffer, end) : std::to_string(v);
}

} // namespace

EvidenceRejected::EvidenceRejected(std::vector<Text> p)
    : std::runtime_error(joinEnglish(p)), problems(std::move(p)) {}

std::string fieldText(const Poco::Dynamic::Var& value) {
    if (value.type() == typeid(Poco::JSON::Object::Ptr)) {
        std::string out;
        for (const auto& [name, score] : *value.extract<Poco::JSON::Object::Ptr>())
            out += (out.empty() ? "" : ";") + name + "=" + fieldText(score);
        return out;
    }
    if (value.isBoolean()) return value.convert<bool>() ? "true" : "false";
    if (value.isInteger()) return std::to_string(value.convert<Poco::Int64>());
    if (value.isNumeric()) return numberText(value.convert<double>());
    return value.toString();
}

store::Id EvidenceService::record(const EvidenceInput& input, const std::string& actor) {
    auto checked = EvidenceChecker(store_, versions_, registry_).check(input);
    if (!checked.row) throw EvidenceRejected(std::move(checked.problems));
    store::Id id = 0;
    store_.write(actor, [&](store::WriteUnit& unit) { id = unit.evidence().append(*checked.row); });
    return id;
}

store::Id EvidenceService::correct(store::Id old, EvidenceInput input, const std::string& reason,
                                   const std::string& actor) {
    if (reason.empty())
        throw EvidenceRejected(
            {Text{"更正须说明原因（--reason）", "a correction needs a reason (--reason)"}});
    std::optional<store::EvidenceRow> original;
    std::optional<store::Id> correctedBy;
    {
        auto r = store_.read();
        auto& evidence = r->evidence();
        original = evidence.find(old);
        if (original)
            for (const auto& row : evidence.history(original->personId))
                if (row.supersedes == old) correctedBy = row.id;
    }
    const std::string n = std::to_string(old);
    if (!original)
        throw EvidenceRejected({Text{"没有 id 为 " + n + " 的证据记录", "no evidence row " + n}});
    if (correctedBy) {
        const std::string m = std::to_string(*correctedBy);
        throw EvidenceRejected({Text{"证据 " + n + " 已由 " + m + " 更正；请更正最新的一条 " + m,
                                     "evidence row " + n + " was already corrected by row " + m +
                                         "; correct row " + m}});
    }
    // What the correction leaves out, it keeps from the row it corrects.
    if (input.worker.empty()) input.worker = std::to_string(original->personId);
    const bool placed =
        !input.course.empty() || !input.module.empty() || !input.ref.empty() || !input.date.empty();
    if (input.session.empty() && original->sessionId && !placed) {
        input.session = std::to_string(*original->sessionId);
    } else if (input.session.empty()) {
        if (input.course.empty()) input.course = original->courseId.value_or("");
        if (input.module.empty()) input.module = original->module;
        if (input.ref.empty()) input.ref = original->ref;
        if (input.date.empty()) input.date = formatDay(original->day);
    }
    if (input.kind.empty()) input.kind = original->kind;
    if (input.kind == original->kind) {
        try {
            const auto fields =
                Poco::JSON::Parser().parse(original->fields).extract<Poco::JSON::Object::Ptr>();
            for (const auto& [name, value] : *fields)
                input.fields.try_emplace(name, fieldText(value));
        } catch (const Poco::Exception&) { // a row that is not JSON keeps nothing: the input must
                                           // be complete
        }
    }
    EvidenceChecker checker(store_, versions_, registry_);
    auto checked = checker.check(input);
    if (checked.row &&
        (checked.row->personId != original->personId ||
         checked.row->courseId != original->courseId || checked.row->module != original->module)) {
        checked.problems.push_back(
            Text{"更正须与证据 " + n + " 针对同一人员、课程和模块",
                 "a correction must be about the same worker, course and module as row " + n});
        checked.row.reset();
    }
    if (!checked.row) throw EvidenceRejected(std::move(checked.problems));
    store::Id id = 0;
    store_.write(actor, [&](store::WriteUnit& unit) {
        id = unit.evidence().supersede(old, *checked.row, reason);
    });
    return id;
}

} // namespace yanzhen::services
