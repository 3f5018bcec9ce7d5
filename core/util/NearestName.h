#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace scalelab::core {

/// The candidate closest to `word` by edit distance, if close enough to be a likely typo.
std::string nearestName(std::string_view word, const std::vector<std::string>& candidates);

/// " (did you mean 'workers'?)" or "" — ready to append to a message.
std::string didYouMean(std::string_view word, const std::vector<std::string>& candidates);

} // namespace scalelab::core
