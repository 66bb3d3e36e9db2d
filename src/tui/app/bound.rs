//! Values that hold ids of one model's entities, readable only together with that model: a row
//! list kept across a reload or a date step answers nothing rather than the wrong entity.

use std::sync::{Arc, Weak};

use crate::model::Model;

/// A value built from one model, handed out only for that same model.
#[derive(Debug, Clone)]
pub struct ModelBound<T> {
    /// Weak, so the bound value keeps no model's data alive; it still pins the allocation, so
    /// no later model can share its address.
    model: Weak<Model>,
    value: T,
}

impl<T> ModelBound<T> {
    pub fn new(model: &Arc<Model>, value: T) -> ModelBound<T> {
        ModelBound {
            model: Arc::downgrade(model),
            value,
        }
    }

    /// The value, when `model` is the one it was built from.
    pub fn get(&self, model: &Arc<Model>) -> Option<&T> {
        self.is_for(model).then_some(&self.value)
    }

    pub fn get_mut(&mut self, model: &Arc<Model>) -> Option<&mut T> {
        self.is_for(model).then_some(&mut self.value)
    }

    fn is_for(&self, model: &Arc<Model>) -> bool {
        std::ptr::eq(self.model.as_ptr(), Arc::as_ptr(model))
    }
}

impl<T: PartialEq> PartialEq for ModelBound<T> {
    fn eq(&self, other: &ModelBound<T>) -> bool {
        self.model.ptr_eq(&other.model) && self.value == other.value
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Origin, load};

    #[test]
    fn a_bound_value_is_read_only_with_its_own_model() {
        let first = Arc::new(load::load(&Origin::Embedded).unwrap());
        let bound = ModelBound::new(&first, vec![1_usize, 2]);
        assert_eq!(bound.get(&first), Some(&vec![1, 2]));
        let same_content = Arc::new((*first).clone());
        assert_eq!(
            bound.get(&same_content),
            None,
            "another model, however alike"
        );
        drop(first);
        let next = Arc::new((*same_content).clone());
        assert_eq!(
            bound.get(&next),
            None,
            "a later model never takes its place"
        );
    }
}
