#pragma once

#include <QString>

namespace scalelab::gui {

/// An example's description split the way its authors write it: "Lesson: … Watch: …
/// Try: …" (a challenge begins "Challenge:"). Parts a description lacks are empty.
struct LessonText {
    QString lesson; ///< what the example teaches (or the challenge's task)
    QString watch;  ///< what to look at during the run
    QString tryIt;  ///< what to change and run again
    bool challenge = false;

    static LessonText parse(const QString& description);
};

} // namespace scalelab::gui
