"""Reading actions: the word cursor and selection, pages, panes and modes (conversion,
pinyin style, restyled in a worker), and search. The session (reader.session) does the
work; these turn keys into calls on it and let the reactive state redraw.
"""

from __future__ import annotations

from textual import work

from reader.model import Article
from reader.tui.article_view import ArticleView
from reader.tui.host import ReaderHost
from reader.tui.messages import SentencesRemade
from reader.tui.reader_screen import NARROW
from reader.tui.screens import SearchScreen


class ReadingActions(ReaderHost):
    """Mixin for ReaderApp: cursor, panes, modes and search actions."""

    def action_move(self, direction: str, extend: bool = False) -> None:
        s = self.session
        if not s.sentences:
            return
        {"left": s.move_left, "right": s.move_right, "up": s.move_up, "down": s.move_down}[
            direction
        ](extend)
        self.after_cursor_move()

    def action_page(self, pages: int) -> None:
        view = self.view
        layout = view.layout_data
        s = self.session
        if layout is None or not s.sentences:
            return
        first, _ = layout.rows.get(s.cursor.sentence, (0, 1))
        target = first + pages * max(1, view.scrollable_content_region.height - 2)
        target = max(0, min(target, len(layout.lines) - 1))
        best = layout.rows.nearest(target)
        s.move_to(best)
        self.after_cursor_move()

    def action_top(self) -> None:
        self.session.top()
        self.after_cursor_move()

    def action_bottom(self) -> None:
        self.session.bottom()
        self.after_cursor_move()

    def on_article_view_token_clicked(self, message: ArticleView.TokenClicked) -> None:
        s = self.session
        token = message.token if message.token >= 0 else None
        if message.extend and token is not None:
            s.move_to(message.sentence, token, extend=True)
        else:
            s.move_to(message.sentence, token)
        self.after_cursor_move()

    def action_clear(self) -> None:
        if self.cancel_fetch():
            return
        self.session.clear_selection()
        self.session.clear_search()
        self.after_cursor_move()

    def action_toggle_pane(self, pane: str) -> None:
        self.session.toggle_pane(pane)
        self.show_panes()  # watch_panes_shown lays the view out again

    def action_toggle_interlinear(self) -> None:
        self.session.toggle_interlinear(self.size.width, NARROW)
        self.show_panes()

    def action_toggle_lookup(self) -> None:
        panel = self.lookup
        panel.display = not panel.display

    def action_cycle_conversion(self) -> None:
        if not self.session.annotated:
            self.notify("Still annotating; try again in a moment.", timeout=3)
            return
        # Cycle from a change still being applied, so quick presses step on.
        self.want_conversion = self.session.next_conversion(self.want_conversion)

    def watch_want_conversion(self, value: str) -> None:
        if value and self.session.annotated:
            self._restyle_to("conversion", value)

    def action_cycle_pinyin(self) -> None:
        if not self.session.annotated:
            self.notify("Still annotating; try again in a moment.", timeout=3)
            return
        self.want_style = self.session.next_pinyin_style(self.want_style)

    def watch_want_style(self, value: str) -> None:
        if value and self.session.annotated:
            self._restyle_to("pinyin_style", value)

    def _restyle_to(self, what: str, value: str) -> None:
        s = self.session
        self._restyle(self.generation, s.article, s.snapshot_versions(), what, value)

    @work(
        thread=True,
        exclusive=True,
        group="restyle",
        description="restyle the article",
        exit_on_error=False,
    )
    def _restyle(
        self, generation: int, article: Article, versions: dict[int, int], what: str, value: str
    ) -> None:
        from reader.pipeline import convert_article, restyle_article

        if what == "conversion":
            out = convert_article(article, value)
            note = f"other script: {value}"
        else:
            out = restyle_article(article, value, self.options.sandhi)
            note = f"pinyin: {value}"
        sentences = dict(enumerate(out.sentences()))
        self.post_message(
            SentencesRemade(generation, sentences, versions, True, {what: value}, note)
        )

    def action_search(self) -> None:
        def done(query: object) -> None:
            if isinstance(query, str) and query:
                self.run_search(query)

        self.push_screen(SearchScreen(self.session.search_state.query), done)

    def run_search(self, query: str) -> int:
        count = self.session.search(query)
        if not count:
            self.notify(f"No hits for {query}", timeout=3)
        self.after_cursor_move()
        return count

    def action_next_hit(self) -> None:
        if self.session.next_hit() is not None:
            self.after_cursor_move()

    def action_prev_hit(self) -> None:
        if self.session.next_hit(backwards=True) is not None:
            self.after_cursor_move()
