//! The network addresses this machine has, for the facilitator to pick the one phones can
//! reach (the venue's Wi-Fi, a travel router, a phone's hotspot). The voting server binds to
//! that one address only, never to all of them.

use std::net::{IpAddr, Ipv4Addr};

/// A named IPv4 address of this machine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Interface {
    pub name: String,
    pub address: IpAddr,
}

impl Interface {
    /// Loopback is only reachable from this machine (for trying the page out).
    pub fn is_loopback(&self) -> bool {
        self.address.is_loopback()
    }
}

/// Every IPv4 address of every interface that is not down, loopback last; only loopback when
/// the system will not say (a sandbox). `if-addrs` asks each platform its own way (getifaddrs,
/// GetAdaptersAddresses), so the facilitator gets the same choice on Windows and macOS.
pub fn list() -> Vec<Interface> {
    use if_addrs::IfOperStatus;
    let mut found: Vec<Interface> = if_addrs::get_if_addrs()
        .unwrap_or_default()
        .into_iter()
        // Loopback's state is "unknown" on Linux: only what says it is down is left out.
        .filter(|i| {
            !matches!(
                i.oper_status,
                IfOperStatus::Down | IfOperStatus::NotPresent | IfOperStatus::LowerLayerDown
            )
        })
        .filter(|i| i.ip().is_ipv4())
        .map(|i| Interface {
            address: i.ip(),
            name: i.name,
        })
        .collect();
    if found.is_empty() {
        found.push(Interface {
            name: "loopback".into(),
            address: IpAddr::V4(Ipv4Addr::LOCALHOST),
        });
    }
    found.sort_by_key(|i| (i.is_loopback(), i.name.clone()));
    found.dedup();
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn this_machine_has_at_least_its_loopback_address_and_it_comes_last() {
        let all = list();
        let last = all.last().expect("an interface");
        assert!(last.is_loopback(), "{all:?}");
        assert!(all.iter().all(|i| i.address.is_ipv4()));
    }
}
