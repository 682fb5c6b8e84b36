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

/// Every IPv4 address of every interface that is up, loopback last.
#[cfg(unix)]
pub fn list() -> Vec<Interface> {
    let mut found = Vec::new();
    let mut head: *mut libc::ifaddrs = std::ptr::null_mut();
    // SAFETY: getifaddrs fills `head` with a list that freeifaddrs releases; each entry is read
    // only while the list is alive, and its address is read as sockaddr_in only when the
    // family says it is one.
    unsafe {
        if libc::getifaddrs(&mut head) != 0 {
            return found;
        }
        let mut entry = head;
        while !entry.is_null() {
            let item = &*entry;
            let up = item.ifa_flags & (libc::IFF_UP as u32) != 0;
            if up
                && !item.ifa_addr.is_null()
                && i32::from((*item.ifa_addr).sa_family) == libc::AF_INET
            {
                let raw = &*(item.ifa_addr as *const libc::sockaddr_in);
                let address = Ipv4Addr::from(u32::from_be(raw.sin_addr.s_addr));
                let name = std::ffi::CStr::from_ptr(item.ifa_name)
                    .to_string_lossy()
                    .into_owned();
                found.push(Interface {
                    name,
                    address: IpAddr::V4(address),
                });
            }
            entry = item.ifa_next;
        }
        libc::freeifaddrs(head);
    }
    found.sort_by_key(|i| (i.is_loopback(), i.name.clone()));
    found
}

/// Elsewhere only loopback is offered.
#[cfg(not(unix))]
pub fn list() -> Vec<Interface> {
    vec![Interface {
        name: "loopback".into(),
        address: IpAddr::V4(Ipv4Addr::LOCALHOST),
    }]
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
