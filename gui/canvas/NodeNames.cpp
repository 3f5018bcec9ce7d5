#include "gui/canvas/NodeNames.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "core/model/Topology.h"

namespace scalelab::gui {

std::string freeNodeName(const core::Topology& topology, const std::string& wanted,
                         const std::vector<core::Node>& pending)
{
    if (wanted.empty())
        return wanted;
    std::set<std::string> taken;
    for (const core::Node& n : topology.nodes)
        taken.insert(n.name);
    for (const core::Node& n : pending)
        taken.insert(n.name);
    if (!taken.count(wanted))
        return wanted;
    // "Web 1": the stem "Web " and the number 1; "Web server": the stem "Web server ", 1.
    std::string stem = wanted;
    int number = 1;
    const auto digits = std::find_if_not(stem.rbegin(), stem.rend(),
                                         [](unsigned char c) { return std::isdigit(c); });
    const auto count = digits - stem.rbegin();
    if (count > 0 && count < 9 && digits != stem.rend() && *digits == ' ') {
        number = std::stoi(stem.substr(stem.size() - static_cast<std::size_t>(count)));
        stem.resize(stem.size() - static_cast<std::size_t>(count));
    } else {
        stem += ' ';
    }
    for (int k = number + 1;; ++k)
        if (std::string candidate = stem + std::to_string(k); !taken.count(candidate))
            return candidate;
}

} // namespace scalelab::gui
