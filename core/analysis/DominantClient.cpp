#include "core/analysis/DominantClient.h"

#include <algorithm>
#include <deque>

namespace scalelab::core {

std::vector<std::size_t> dominantClients(const TopologyIndex& index,
                                         const std::vector<double>& weight)
{
    const std::size_t n = weight.size();
    std::vector<std::size_t> clients;
    for (std::size_t c = 0; c < n; ++c)
        if (weight[c] >= 0)
            clients.push_back(c);
    std::stable_sort(clients.begin(), clients.end(),
                     [&](std::size_t a, std::size_t b) { return weight[a] > weight[b]; });

    std::vector<std::size_t> dominant(n, TopologyIndex::kNone);
    std::vector<bool> seen(n, false);
    std::deque<std::size_t> todo;
    for (std::size_t c : clients) {
        if (seen[c])
            continue; // reached by a heavier client: so is all it reaches
        seen[c] = true;
        todo.push_back(c);
        while (!todo.empty()) {
            const std::size_t v = todo.front();
            todo.pop_front();
            dominant[v] = c;
            for (std::size_t k : index.out(v))
                if (const std::size_t w = index.to(k); !seen[w]) {
                    seen[w] = true;
                    todo.push_back(w);
                }
        }
    }
    return dominant;
}

} // namespace scalelab::core
