/// \file TextRules.hpp
/// The one check every piece of text a person types goes through before it is kept: the API's
/// body fields (http/routes/Requests.hpp), the CSV imports and the command line's options, by
/// way of the services that keep them.
///
/// Text is kept as UTF-8 in Unicode's composed form (NFC), so that a name typed on one
/// keyboard and the same name pasted from a document are one string, found by one search and
/// refused as one duplicate. Refused: bytes that are not UTF-8; NUL and every other control
/// character (C0, DEL, C1), except tab and line breaks in a field that holds paragraphs (a
/// reason, a note); the invisible characters that reorder or hide what a reader sees (bidi
/// overrides and isolates, the line and paragraph separators, the byte order mark inside a
/// text) and noncharacters; and text longer than its field allows, counted in characters
/// (code points after NFC), not bytes. Spaces around a value are dropped (ASCII and the
/// ideographic space U+3000 alike).
#pragma once

#include <yanzhen/text.hpp>

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>

namespace yanzhen::services {

/// What one field accepts.
struct TextRule {
    std::size_t maxChars = 200; ///< characters (code points) at most
    bool paragraphs = false;    ///< tabs and line breaks allowed (CR LF kept as LF)
    bool mayBeEmpty = false;    ///< "" (or only spaces) is a value, not a problem
};

/// A person's or a place's name, a title, a code: one line.
inline constexpr TextRule kNameText{100};
/// One line of ordinary text (a place, a label).
inline constexpr TextRule kLineText{200};
/// A reason or a note: paragraphs.
inline constexpr TextRule kParagraphText{2000, true};

/// The text as kept (NFC, trimmed), or why it is refused (no field name: the caller adds it).
std::variant<std::string, Text> validateText(std::string_view value, const TextRule& rule);

/// Thrown by services given text that validateText refuses; `field` names it ("name", "place").
struct InvalidText : std::invalid_argument {
    InvalidText(std::string field, Text why);
    std::string field;
    Text why;
};

/// validateText, throwing InvalidText for `field`.
std::string keptText(const std::string& field, std::string_view value, const TextRule& rule);

/// The byte offset of the first invalid UTF-8 sequence in `s` (overlong forms, surrogates and
/// code points past U+10FFFF are invalid), or npos.
std::size_t invalidUtf8At(std::string_view s);

/// The number of code points in UTF-8 `s` (continuation bytes are not counted).
std::size_t codePoints(std::string_view s);

} // namespace yanzhen::services
