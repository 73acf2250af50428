export * from './data-source';
export * from './entities/unit.entity';
export * from './entities/contact.entity';
export * from './entities/deliverable.entity';
export * from './entities/outbox.entity';
export * from './entities/deliverable-event.entity';
export * from './deliverable-projection.repository';
export * from './outbox.repository';
