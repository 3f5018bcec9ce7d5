#pragma once

// Shared helpers of the GUI tests: a small topology built in code (tests do not depend on
// the examples others write) and mouse gestures on the canvas viewport.

#include <QApplication>
#include <QFileInfo>
#include <QImage>
#include <QStandardPaths>
#include <QTest>

#include "core/model/Topology.h"
#include "gui/app/MainWindow.h"
#include "gui/canvas/CanvasScene.h"
#include "gui/canvas/CanvasView.h"
#include "gui/document/Document.h"

namespace scalelab::testsupport {

inline core::Node makeNode(const std::string& id, const std::string& kind, double x, double y,
                           core::ParamMap params = {})
{
    core::Node n;
    n.id = core::NodeId{id};
    n.kind = core::KindId{kind};
    n.pos = {x, y};
    n.params = std::move(params);
    return n;
}

inline core::Link makeLink(const std::string& from, const std::string& to,
                           core::LinkKind kind = core::LinkKind::Request,
                           core::ParamMap params = {})
{
    return core::Link{core::NodeId{from}, core::NodeId{to}, kind, std::move(params)};
}

/// users -> lb -> web1 -> db ==> db-r1 (replication), plus a cache behind web1.
inline core::Topology sampleTopology()
{
    core::Topology t;
    t.name = "Test diagram";
    t.nodes.push_back(makeNode("users", "client", 0, 200, {{"rate_rps", 200.0}}));
    t.nodes.push_back(makeNode("lb", "load_balancer", 200, 200));
    t.nodes.push_back(makeNode("web1", "web_server", 400, 200, {{"workers", std::int64_t(4)}}));
    t.nodes.push_back(makeNode("cache", "cache", 600, 80));
    t.nodes.push_back(makeNode("db", "database", 600, 200, {{"role", std::string("master")}}));
    t.nodes.push_back(makeNode("db-r1", "database", 800, 200, {{"role", std::string("replica")}}));
    t.links.push_back(makeLink("users", "lb", core::LinkKind::Request, {{"latency_ms", 40.0}}));
    t.links.push_back(makeLink("lb", "web1", core::LinkKind::Request, {{"latency_ms", 0.5}}));
    t.links.push_back(makeLink("web1", "cache"));
    t.links.push_back(makeLink("web1", "db", core::LinkKind::Request, {{"latency_ms", 1.0}}));
    t.links.push_back(makeLink("db", "db-r1", core::LinkKind::Replication, {{"lag_ms", 100.0}}));
    return t;
}

/// Isolated settings and app data for a test run.
inline void isolateSettings()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("ScaleLabTests"));
    // One settings and data folder per test program: CTest runs them in parallel, and two
    // programs sharing one recovery folder would see each other's crashed sessions.
    QCoreApplication::setApplicationName(
        QStringLiteral("ScaleLabGuiTests-") +
        QFileInfo(QCoreApplication::applicationFilePath()).completeBaseName());
}

inline QPoint toViewport(gui::CanvasView* view, QPointF scenePos)
{
    return view->mapFromScene(scenePos);
}

/// Press at `from`, move in steps, release at `to` (scene coordinates) on the viewport.
inline void drag(gui::CanvasView* view, QPointF from, QPointF to,
                 Qt::KeyboardModifiers modifiers = Qt::NoModifier)
{
    QWidget* vp = view->viewport();
    const QPoint a = toViewport(view, from);
    const QPoint b = toViewport(view, to);
    QTest::mousePress(vp, Qt::LeftButton, modifiers, a);
    for (int i = 1; i <= 5; ++i)
        QTest::mouseMove(vp, a + (b - a) * i / 5);
    QTest::mouseRelease(vp, Qt::LeftButton, modifiers, b);
}

/// A window showing the sample topology at 100 % zoom, ready for gestures.
inline std::unique_ptr<gui::MainWindow> openSampleWindow()
{
    auto w = std::make_unique<gui::MainWindow>(gui::MainWindow::Interaction::NoDialogs);
    w->resize(1280, 800);
    w->show();
    w->document()->reset(sampleTopology());
    QApplication::processEvents();
    w->view()->resetTransform();
    w->view()->centerOn(400, 200);
    QApplication::processEvents();
    return w;
}

// Samples (every other pixel each way) of the first two data centers' soft fills (RegionGlyph:
// green, then amber, at 110/255 over the white page), counted apart.
inline std::pair<int, int> sitePixels(const QImage& image)
{
    const auto over = [](int c) { return 255 - (255 - c) * 110 / 255; };
    const QColor green(over(0xdc), over(0xfc), over(0xe7)),
        amber(over(0xfe), over(0xf3), over(0xc7));
    const auto is = [](const QColor& a, const QColor& b) {
        return std::abs(a.red() - b.red()) <= 2 && std::abs(a.green() - b.green()) <= 2 &&
               std::abs(a.blue() - b.blue()) <= 2;
    };
    // Every other pixel each way: a quarter of the reads (the picture is 3 Mpx, and the
    // sanitized build runs this at -O0) and still thousands of samples per site.
    std::pair<int, int> n{0, 0};
    for (int y = 0; y < image.height(); y += 2)
        for (int x = 0; x < image.width(); x += 2) {
            const QColor c = image.pixelColor(x, y);
            n.first += is(c, green);
            n.second += is(c, amber);
        }
    return n;
}

} // namespace scalelab::testsupport
