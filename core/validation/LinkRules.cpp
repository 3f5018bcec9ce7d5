#include "core/validation/LinkRules.h"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "core/model/KindRegistry.h"

namespace scalelab::core {

namespace {
// "Web server" -> "web server" inside a sentence; acronyms ("DNS") stay as they are.
std::string lowerName(const KindSpec& spec)
{
    std::string name = spec.displayName;
    if (name.size() > 1 && !std::isupper(static_cast<unsigned char>(name[1])))
        name[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(name[0])));
    return name;
}

std::string displayOf(const std::string& kind)
{
    const KindSpec* s = KindRegistry::instance().find(kind);
    return s ? lowerName(*s) : kind;
}

// "a database to a database" for every pair the registry allows for this link kind.
std::string allowedPairs(LinkKind kind)
{
    std::string out;
    for (const KindSpec& k : KindRegistry::instance().kinds()) {
        const auto& to = k.sendsTo(kind);
        if (to.empty())
            continue;
        std::string targets;
        for (const auto& t : to)
            targets += (targets.empty() ? "a " : " or a ") + displayOf(t);
        out += (out.empty() ? "" : "; ") + fmt::format("from a {} to {}", lowerName(k), targets);
    }
    return out.empty() ? "between no kinds yet" : out;
}

std::optional<std::string> requestRefusal(const Node& to, const KindSpec& fromSpec,
                                          const KindSpec& toSpec)
{
    if (toSpec.traits.source)
        return fmt::format("{}s send requests; nothing sends requests to a {}", lowerName(toSpec),
                           lowerName(toSpec));
    if (fromSpec.traits.source && to.network() == Network::Private)
        return fmt::format("'{}' is on the private network: web servers behind a load balancer "
                           "are reachable only through it",
                           to.id.str());
    if (fromSpec.sendsTo(LinkKind::Request).empty())
        return fmt::format("a {} answers requests itself; it sends none on", lowerName(fromSpec));
    if (!fromSpec.maySend(LinkKind::Request, to.kind.str())) {
        std::string allowed;
        for (const auto& k : fromSpec.sendsTo(LinkKind::Request))
            allowed +=
                (allowed.empty() ? "" : ", ") + KindRegistry::instance().find(k)->displayName;
        return fmt::format("a {} sends requests only to: {}", lowerName(fromSpec), allowed);
    }
    return std::nullopt;
}

std::optional<std::string> replicationRefusal(const Node& from, const Node& to)
{
    if (from.text("role") != "master")
        return fmt::format("replication links start at a master; '{}' is a replica", from.id.str());
    if (to.text("role") != "replica")
        return fmt::format("'{}' is a master; set its role to replica to replicate to it",
                           to.id.str());
    return std::nullopt;
}
} // namespace

LinkKind linkKindBetween(const Node& from, const Node& to)
{
    return KindRegistry::instance()
        .linkKindBetween(from.kind.str(), to.kind.str())
        .value_or(LinkKind::Request);
}

std::optional<std::string> linkRefusal(const Node& from, const Node& to, LinkKind kind)
{
    if (from.id == to.id)
        return fmt::format("'{}' cannot link to itself", from.id.str());
    const KindSpec* fromSpec = from.spec();
    const KindSpec* toSpec = to.spec();
    if (!fromSpec || !toSpec)
        return std::nullopt; // unknown kinds are reported on their own
    std::optional<std::string> why;
    if (kind == LinkKind::Request)
        why = requestRefusal(to, *fromSpec, *toSpec);
    else if (!fromSpec->maySend(kind, to.kind.str()))
        why = fmt::format("{} links go {}", KindRegistry::instance().linkKind(kind).id,
                          allowedPairs(kind));
    else if (kind == LinkKind::Replication)
        why = replicationRefusal(from, to);
    else if (kind == LinkKind::Session && toSpec->traits.dataStore && to.text("engine") != "nosql")
        why = fmt::format("'{}' is a relational database; sessions live in a cache or a NoSQL "
                          "database (set its engine to nosql)",
                          to.id.str());
    if (!why)
        return std::nullopt;
    return fmt::format("'{}' ({}) -> '{}' ({}): {}", from.id.str(), lowerName(*fromSpec),
                       to.id.str(), lowerName(*toSpec), *why);
}

} // namespace scalelab::core
