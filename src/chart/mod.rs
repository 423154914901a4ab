//! Charts (表三 outcomes, 表二 actions, 表四 outcomes), generic over the plotters backend.
//! (Built in the page issue.)
