#pragma once

// No <compare> here: Qt 6.4's moc cannot parse it (<concepts>), and GUI headers with
// Q_OBJECT include this file. <string> brings operator<=>'s support with it.
#include <functional>
#include <string>
#include <utility>

namespace scalelab::core {

/// A string identifier that cannot be mixed up with another kind of identifier.
template <typename Tag> class StrongId {
public:
    StrongId() = default;
    explicit StrongId(std::string value) : m_value(std::move(value)) {}

    const std::string& str() const { return m_value; }
    bool empty() const { return m_value.empty(); }

    friend auto operator<=>(const StrongId&, const StrongId&) = default;
    friend bool operator==(const StrongId&, const StrongId&) = default;

private:
    std::string m_value;
};

using NodeId = StrongId<struct NodeIdTag>;
using KindId = StrongId<struct KindIdTag>;

/// A link is identified by its two ends: there is at most one link from a node to another.
struct LinkKey {
    NodeId from;
    NodeId to;
    friend auto operator<=>(const LinkKey&, const LinkKey&) = default;
    friend bool operator==(const LinkKey&, const LinkKey&) = default;
};

} // namespace scalelab::core

template <typename Tag> struct std::hash<scalelab::core::StrongId<Tag>> {
    std::size_t operator()(const scalelab::core::StrongId<Tag>& id) const noexcept
    {
        return std::hash<std::string>{}(id.str());
    }
};
