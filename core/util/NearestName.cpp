#include "core/util/NearestName.h"

#include <algorithm>
#include <cctype>

namespace scalelab::core {

namespace {
// Classic two-row Levenshtein; names are short, so O(n*m) is nothing.
std::size_t editDistance(std::string_view a, std::string_view b)
{
    std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j)
        prev[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const bool same = std::tolower(static_cast<unsigned char>(a[i - 1])) ==
                              std::tolower(static_cast<unsigned char>(b[j - 1]));
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (same ? 0 : 1)});
        }
        std::swap(prev, cur);
    }
    return prev[b.size()];
}
} // namespace

std::string nearestName(std::string_view word, const std::vector<std::string>& candidates)
{
    if (word.size() > 200)
        return {};
    std::string best;
    std::size_t bestDistance = std::max<std::size_t>(2, word.size() / 3) + 1;
    for (const auto& c : candidates) {
        // A name missing its unit suffix ("latency" for "latency_ms") is a likely slip too.
        const bool prefix = word.size() >= 3 && (c.starts_with(word) || word.starts_with(c));
        const std::size_t d = prefix ? 1 : editDistance(word, c);
        if (d < bestDistance) {
            bestDistance = d;
            best = c;
        }
    }
    return best;
}

std::string didYouMean(std::string_view word, const std::vector<std::string>& candidates)
{
    const std::string best = nearestName(word, candidates);
    return best.empty() ? std::string{} : " (did you mean '" + best + "'?)";
}

} // namespace scalelab::core
