#include "gui/cli/Commands.h"

#include <array>

namespace scalelab::gui::cli {

namespace {
struct Subcommand {
    const char* name;
    int (*run)(const QStringList&);
};
constexpr std::array kSubcommands{
    Subcommand{"run", &runCommand},
    Subcommand{"analyze", &analyzeCommand},
    Subcommand{"validate", &validateCommand},
    Subcommand{"export", &exportCommand},
};
} // namespace

bool isSubcommand(const QString& word)
{
    for (const auto& sub : kSubcommands)
        if (word == QLatin1String(sub.name))
            return true;
    return false;
}

int dispatchSubcommand(const QStringList& args)
{
    if (args.size() < 2)
        return -1;
    for (const auto& sub : kSubcommands) {
        if (args[1] == QLatin1String(sub.name)) {
            QStringList rest = args.mid(2);
            rest.prepend(QStringLiteral("scalelab %1").arg(QLatin1String(sub.name)));
            return sub.run(rest);
        }
    }
    return -1;
}

} // namespace scalelab::gui::cli
