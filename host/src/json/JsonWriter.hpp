/// \file JsonWriter.hpp
/// Compact JSON written straight into a string, byte for byte what Poco::JSON's stringify()
/// writes for the same values (keys are the caller's to put in Poco's sorted order): for hot
/// answers where building Poco::JSON objects cost more than computing them.
#pragma once

#include <Poco/JSONString.h>
#include <Poco/NumberFormatter.h>

#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace yanzhen::json {

class JsonWriter {
public:
    explicit JsonWriter(std::string& out) : out_(out) {}

    JsonWriter& beginObject() { return open('{'); }
    JsonWriter& endObject() { return close('}'); }
    JsonWriter& beginArray() { return open('['); }
    JsonWriter& endArray() { return close(']'); }

    /// The next member's name; a value or a begin follows.
    JsonWriter& key(std::string_view k) {
        separate();
        string(k);
        out_ += ':';
        afterKey_ = true;
        return *this;
    }

    JsonWriter& value(std::string_view s) {
        separate();
        string(s);
        return *this;
    }
    JsonWriter& value(const char* s) { return value(std::string_view(s)); }
    JsonWriter& value(const std::string& s) { return value(std::string_view(s)); }
    JsonWriter& value(bool b) {
        separate();
        out_ += b ? "true" : "false";
        return *this;
    }
    JsonWriter& value(std::int64_t v) {
        separate();
        char buffer[24];
        const auto end = std::to_chars(buffer, buffer + sizeof buffer, v).ptr;
        out_.append(buffer, end);
        return *this;
    }
    JsonWriter& value(std::uint64_t v) {
        separate();
        char buffer[24];
        const auto end = std::to_chars(buffer, buffer + sizeof buffer, v).ptr;
        out_.append(buffer, end);
        return *this;
    }
    JsonWriter& value(int v) { return value(static_cast<std::int64_t>(v)); }
    /// A value that is JSON already (a kept answer, written by this writer before), as it is.
    JsonWriter& raw(std::string_view json) {
        separate();
        out_ += json;
        return *this;
    }
    /// As Poco writes a double: the shortest text that reads back the same.
    JsonWriter& value(double v) {
        separate();
        Poco::NumberFormatter::append(out_, v);
        return *this;
    }

private:
    JsonWriter& open(char c) {
        separate();
        out_ += c;
        first_.push_back(true);
        return *this;
    }
    JsonWriter& close(char c) {
        out_ += c;
        first_.pop_back();
        return *this;
    }
    /// A comma before every member or element but the first.
    void separate() {
        if (afterKey_) {
            afterKey_ = false;
            return;
        }
        if (first_.empty()) return;
        if (!first_.back()) out_ += ',';
        first_.back() = false;
    }
    void string(std::string_view s) {
        for (const char c : s)
            if ((c >= 0 && c <= 31) || c == '"' || c == '\\') {
                // Rare: let Poco escape it, so the bytes stay exactly Poco's.
                out_ += Poco::toJSON(std::string(s), Poco::JSON_WRAP_STRINGS);
                return;
            }
        out_ += '"';
        out_ += s;
        out_ += '"';
    }

    std::string& out_;
    std::vector<bool> first_;
    bool afterKey_ = false;
};

} // namespace yanzhen::json
