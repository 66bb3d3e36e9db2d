//! A link between two firms or facilities.

use crate::model::LinkId;
use crate::present::doc::DocBuilder;

impl DocBuilder<'_> {
    pub(super) fn link(&mut self, l: LinkId) {
        let m = self.m;
        let link = &m.link(l);
        self.title = format!(
            "{} → {}",
            self.party_label(link.from),
            self.party_label(link.to)
        );
        self.line(vec![Self::dim(format!(
            "link · {}",
            super::link_kind_name(link.kind)
        ))]);
        self.link_line(l, None);
        if let Some(a) = &link.amount
            && let Some(n) = &a.note
        {
            self.line(vec![Self::dim(format!("  {n}"))]);
        }
        self.note(link.note.as_ref());
        self.source_list();
    }
}
