// Scale of the editor: how long a diagram of N nodes and 3N links takes to open in the
// window (load the file, build the canvas, validate, analyse, paint the first frame), and
// what one edit, one selection and one repaint cost at that size. Sizes 500 and 2000; the
// ratio 2000/500 is 4 when the work grows linearly. Prints; asserts nothing.
//
//   build/tests/bench/bench_editor_scale [N ...]
#include <algorithm>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QUndoStack>

#include "../gui/GuiTestSupport.h"
#include "core/io/TopologyJson.h"
#include "gui/app/MainWindow.h"
#include "gui/canvas/CanvasScene.h"
#include "gui/canvas/CanvasView.h"
#include "gui/canvas/NodeItem.h"
#include "gui/commands/AddNodeCommand.h"
#include "gui/commands/DeleteCommand.h"
#include "gui/commands/MoveNodesCommand.h"
#include "gui/commands/SetParamCommand.h"
#include "gui/document/Document.h"

using namespace scalelab;
using testsupport::makeLink;
using testsupport::makeNode;

namespace {

// Sites of 20 nodes and 60 links side by side: three clients, each on its load balancer,
// ten web servers behind all three, two caches, a master and its replica. A valid diagram.
core::Topology siteGrid(int nodes)
{
    core::Topology t;
    t.name = "scale";
    const int sites = std::max(1, nodes / 20);
    const int perRow = 10;
    for (int s = 0; s < sites; ++s) {
        const double x0 = (s % perRow) * 900.0, y0 = (s / perRow) * 1300.0;
        const std::string k = std::to_string(s);
        const auto id = [&](const char* stem, int i = -1) {
            std::string s(stem); // appends: GCC 12 warns on "-" + std::to_string(i)
            s += k;
            if (i >= 0) {
                s += '-';
                s += std::to_string(i);
            }
            return s;
        };
        for (int l = 0; l < 3; ++l) {
            t.nodes.push_back(
                makeNode(id("c", l), "client", x0, y0 + 300 + l * 300, {{"rate_rps", 100.0}}));
            t.nodes.push_back(makeNode(id("lb", l), "load_balancer", x0 + 150, y0 + 300 + l * 300));
            t.links.push_back(makeLink(id("c", l), id("lb", l)));
        }
        t.nodes.push_back(makeNode(id("m"), "database", x0 + 600, y0 + 500));
        t.nodes.push_back(
            makeNode(id("r"), "database", x0 + 750, y0 + 500, {{"role", std::string("replica")}}));
        t.links.push_back(makeLink(id("m"), id("r"), core::LinkKind::Replication));
        for (int c = 0; c < 2; ++c)
            t.nodes.push_back(makeNode(id("cache", c), "cache", x0 + 600, y0 + 100 + c * 150));
        for (int w = 0; w < 10; ++w) {
            t.nodes.push_back(makeNode(id("w", w), "web_server", x0 + 400, y0 + w * 120));
            for (int l = 0; l < 3; ++l)
                t.links.push_back(makeLink(id("lb", l), id("w", w)));
            t.links.push_back(makeLink(id("w", w), id("m")));
            t.links.push_back(makeLink(id("w", w), id("cache", w % 2)));
            if (w < 6)
                t.links.push_back(makeLink(id("w", w), id("cache", (w + 1) % 2)));
        }
    }
    return t;
}

double msSince(const QElapsedTimer& t)
{
    return static_cast<double>(t.nsecsElapsed()) / 1e6;
}

struct Cost {
    double edit = 0;  ///< the change itself: command, document, canvas items
    double after = 0; ///< the event loop after it: validation, analysis, docks, repaint
};

/// Mean ms of `op` over `repeats` calls, each followed by the event loop (the coalesced
/// validation and analysis run there, as they do after a person's edit).
Cost perCall(int repeats, const std::function<void(int)>& op)
{
    QElapsedTimer t;
    Cost c;
    for (int i = 0; i < repeats; ++i) {
        t.start();
        op(i);
        c.edit += msSince(t);
        t.start();
        QApplication::processEvents();
        c.after += msSince(t);
    }
    c.edit /= repeats;
    c.after /= repeats;
    return c;
}

struct Figures {
    int nodes = 0, links = 0;
    double openMs = 0;
    Cost move, param, add, del, select, paint;
};

Figures measure(int n, const QString& folder)
{
    Figures f;
    const core::Topology t = siteGrid(n);
    f.nodes = static_cast<int>(t.nodes.size());
    f.links = static_cast<int>(t.links.size());
    const QString path = QDir(folder).filePath(QStringLiteral("scale-%1.scalelab").arg(n));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) ||
        file.write(QByteArray::fromStdString(core::saveTopology(t))) < 0) {
        std::fprintf(stderr, "cannot write %s\n", qPrintable(path));
        return f;
    }
    file.close();

    gui::MainWindow w(gui::MainWindow::Interaction::NoDialogs);
    w.resize(1280, 800);
    w.show();
    QApplication::processEvents();
    QElapsedTimer open;
    open.start();
    w.openFile(path);
    QApplication::processEvents(); // fit, validation, analysis
    w.view()->viewport()->repaint();
    f.openMs = msSince(open);

    gui::Document* doc = w.document();
    gui::CanvasScene* scene = w.scene();
    const core::NodeId middle = doc->topology().nodes[doc->topology().nodes.size() / 2].id;
    w.view()->resetTransform();
    w.view()->centerOn(scene->nodeItem(middle));
    QApplication::processEvents();

    const core::Point p0 = doc->node(middle)->pos;
    f.move = perCall(50, [&](int i) {
        std::map<core::NodeId, gui::MoveNodesCommand::Move> moves;
        moves.emplace(middle, gui::MoveNodesCommand::Move{doc->node(middle)->pos,
                                                          {p0.x + 20.0 * (i % 2), p0.y}});
        doc->undoStack()->push(new gui::MoveNodesCommand(doc, std::move(moves)));
    });
    f.param = perCall(50, [&](int i) {
        doc->undoStack()->push(new gui::SetParamCommand(doc, std::vector{middle}, "workers",
                                                        core::ParamValue{std::int64_t(4 + i % 7)}));
    });
    f.add = perCall(
        50, [&](int i) { scene->placeNode("web_server", QPointF(p0.x + 40 * i, p0.y - 400)); });
    f.del = perCall(20, [&](int) {
        scene->selectNodes({middle});
        doc->undoStack()->push(new gui::DeleteCommand(doc, {middle}, {}));
        doc->undoStack()->undo();
    });
    const core::NodeId other = doc->topology().nodes[1].id;
    f.select = perCall(50, [&](int i) { scene->selectNodes({i % 2 ? middle : other}); });
    f.paint = perCall(30, [&](int) { w.view()->viewport()->repaint(); });
    return f;
}

} // namespace

int main(int argc, char** argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    testsupport::isolateSettings();
    std::vector<int> sizes;
    for (int i = 1; i < argc; ++i)
        sizes.push_back(std::atoi(argv[i]));
    if (sizes.empty())
        sizes = {500, 2000};
    QTemporaryDir folder;

    std::vector<Figures> all;
    std::printf("Per change, in ms: the edit itself (command, document, canvas items) + the\n"
                "event loop after it (validation, analysis, docks; once per burst of edits).\n");
    std::printf("%6s %6s %8s | %15s %15s %15s %15s %15s %15s\n", "nodes", "links", "open ms",
                "move", "set param", "add node", "delete+undo", "select", "repaint");
    const auto cost = [](const Cost& c) {
        static char text[8][32];
        static int slot = 0;
        slot = (slot + 1) % 8;
        std::snprintf(text[slot], sizeof text[slot], "%6.2f + %6.1f", c.edit, c.after);
        return text[slot];
    };
    for (int n : sizes) {
        const Figures f = measure(n, folder.path());
        all.push_back(f);
        std::printf("%6d %6d %8.0f | %15s %15s %15s %15s %15s %15s\n", f.nodes, f.links, f.openMs,
                    cost(f.move), cost(f.param), cost(f.add), cost(f.del), cost(f.select),
                    cost(f.paint));
    }
    if (all.size() >= 2) {
        const Figures& a = all.front();
        const Figures& b = all.back();
        const auto ratio = [](const Cost& x, const Cost& y) {
            static char text[8][32];
            static int slot = 0;
            slot = (slot + 1) % 8;
            std::snprintf(text[slot], sizeof text[slot], "%6.1f , %6.1f",
                          x.edit > 0 ? y.edit / x.edit : 0.0,
                          x.after > 0 ? y.after / x.after : 0.0);
            return text[slot];
        };
        std::printf("ratio %4d/%-4d (x%3.1f) %6.1f | %15s %15s %15s %15s %15s %15s\n", b.nodes,
                    a.nodes, double(b.nodes) / a.nodes, a.openMs > 0 ? b.openMs / a.openMs : 0.0,
                    ratio(a.move, b.move), ratio(a.param, b.param), ratio(a.add, b.add),
                    ratio(a.del, b.del), ratio(a.select, b.select), ratio(a.paint, b.paint));
    }
    return 0;
}
