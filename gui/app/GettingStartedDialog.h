#pragma once

#include <QDialog>
#include <QVector>

#include "gui/document/FileController.h"

class QLabel;
class QListWidget;
class QPushButton;
class QTextBrowser;

namespace scalelab::gui {

/// Help ▸ Getting Started: a tour through the examples in order, one lesson a page: what
/// it teaches, what to watch during the run and what to try next, read from each
/// example's own description (LessonText). Modeless, so the window stays usable beside it.
class GettingStartedDialog : public QDialog {
    Q_OBJECT
public:
    explicit GettingStartedDialog(QVector<ExampleFile> examples, QWidget* parent = nullptr);

    int lessonCount() const { return static_cast<int>(m_examples.size()); }
    int currentLesson() const;
    void showLesson(int index);
    /// The page as plain text (what a person reads).
    QString pageText() const;
    QPushButton* openButton() const { return m_open; }
    QPushButton* nextButton() const { return m_next; }

Q_SIGNALS:
    /// "Open Example" or "Open and Run": the example to open (the window opens a copy).
    void openRequested(const QString& path, bool run);

private:
    QVector<ExampleFile> m_examples;
    QListWidget* m_list;
    QTextBrowser* m_page;
    QPushButton* m_previous;
    QPushButton* m_next;
    QPushButton* m_open;
    QPushButton* m_openRun;
};

} // namespace scalelab::gui
