#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace scalelab::core {

struct TextPosition {
    std::size_t line = 1;
    std::size_t column = 1;
};

/// 1-based line and column of a byte offset.
TextPosition positionOfByte(std::string_view text, std::size_t byte);

/// Where brackets first nest deeper than `maxDepth` (outside strings), if they do. Checked
/// before parsing so a hostile file cannot make any later recursive walk overflow the stack.
std::optional<TextPosition> findExcessiveNesting(std::string_view text, int maxDepth);

} // namespace scalelab::core
